//! What recording may spend: a cap per record and a cap per UTC day on the fees the attestor
//! pays, kept on disk (`spending.json` in the base path) so that a restart does not reset the
//! day.
//!
//! A record's fee is counted before it is submitted and stays counted, also when the record
//! fails or its outcome is unknown (the connection lost while waiting): the caps err on the side
//! of spending less. The transactions' own fees and the records' storage deposits are not
//! counted.

use std::{
	path::PathBuf,
	sync::Mutex,
	time::{SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

/// The fee caps and the day's spending.
pub struct Spending {
	per_record: u128,
	per_day: u128,
	file: PathBuf,
	day: Mutex<Day>,
}

/// What was spent on one UTC day.
#[derive(Clone, Copy, Debug, Default, Deserialize, Eq, PartialEq, Serialize)]
struct Day {
	/// Days since 1970-01-01.
	day: u64,
	/// The fees counted, in the smallest unit (a decimal string in the file).
	#[serde(with = "decimal")]
	spent: u128,
}

mod decimal {
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&value.to_string())
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
		String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
	}
}

fn today() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
}

impl Spending {
	/// Caps of `per_record` and `per_day`, the day's spending kept in `file`; an unreadable
	/// file is an error, never a fresh day.
	pub fn open(per_record: u128, per_day: u128, file: PathBuf) -> Result<Self, String> {
		let day = match std::fs::read(&file) {
			Ok(bytes) => serde_json::from_slice::<Day>(&bytes).map_err(|e| {
				format!("{} is not a spending record ({e}): fix or remove it", file.display())
			})?,
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Day::default(),
			Err(error) => return Err(format!("cannot read {}: {error}", file.display())),
		};
		Ok(Self { per_record, per_day, file, day: Mutex::new(day) })
	}

	/// What was spent today, and the day's cap.
	pub fn today(&self) -> (u128, u128) {
		let spent = self.day.lock().map(|d| if today() > d.day { 0 } else { d.spent });
		(spent.unwrap_or(0), self.per_day)
	}

	fn refusal(&self, fee: u128, spent: u128) -> Option<String> {
		if fee > self.per_record {
			return Some(format!(
				"the fee {fee} is above this attestor's cap of {} per record (--max-fee)",
				self.per_record
			));
		}
		if spent.saturating_add(fee) > self.per_day {
			return Some(format!(
				"the fee {fee} would take today's fees to {}, above this attestor's cap of {} a \
				 day (--max-fee-per-day); {} is left today",
				spent.saturating_add(fee),
				self.per_day,
				self.per_day.saturating_sub(spent)
			));
		}
		None
	}

	/// Whether `fee` is within the caps now (a check before the work; [`Spending::spend`]
	/// decides).
	pub fn check(&self, fee: u128) -> Result<(), String> {
		let (spent, _) = self.today();
		self.refusal(fee, spent).map_or(Ok(()), Err)
	}

	/// Counts `fee` if it is within the caps.
	pub fn spend(&self, fee: u128) -> Result<(), String> {
		let mut day = self.day.lock().map_err(|_| "the spending ledger is poisoned".to_string())?;
		let now = today();
		// Only a later day starts afresh: a clock stepped back stays in the day it counted.
		if now > day.day {
			*day = Day { day: now, spent: 0 };
		}
		if let Some(why) = self.refusal(fee, day.spent) {
			return Err(why);
		}
		day.spent = day.spent.saturating_add(fee);
		self.save(&day)
	}

	fn save(&self, day: &Day) -> Result<(), String> {
		let temp = self.file.with_extension("json.tmp");
		let bytes = serde_json::to_vec(day).map_err(|e| e.to_string())?;
		let write = || -> std::io::Result<()> {
			use std::io::Write;
			let mut out = std::fs::File::create(&temp)?;
			out.write_all(&bytes)?;
			out.sync_all()?;
			std::fs::rename(&temp, &self.file)
		};
		write().map_err(|e| format!("cannot save {}: {e}", self.file.display()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn fees_are_capped_per_record_and_per_day_and_the_day_survives_a_restart() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("spending.json");
		let spending = Spending::open(10, 25, file.clone()).unwrap();
		assert!(spending.spend(11).unwrap_err().contains("cap of 10 per record"));
		spending.spend(10).unwrap();
		spending.spend(10).unwrap();
		let over = spending.spend(10).unwrap_err();
		assert!(over.contains("above this attestor's cap of 25 a day"), "{over}");
		assert!(over.contains("5 is left today"), "{over}");
		assert!(spending.check(5).is_ok());
		assert_eq!(spending.today(), (20, 25));

		let reopened = Spending::open(10, 25, file).unwrap();
		assert_eq!(reopened.today(), (20, 25), "a restart does not reset the day");
		assert!(reopened.spend(5).is_ok());
		assert!(reopened.spend(1).is_err());
	}

	#[test]
	fn a_new_day_starts_from_nothing() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("spending.json");
		std::fs::write(&file, r#"{"day":1,"spent":"25"}"#).unwrap();
		let spending = Spending::open(10, 25, file.clone()).unwrap();
		assert_eq!(spending.today(), (0, 25));
		assert!(spending.spend(10).is_ok());

		std::fs::write(&file, b"{").unwrap();
		let refused = Spending::open(10, 25, file).err().unwrap();
		assert!(refused.contains("is not a spending record"), "{refused}");
	}
}
