//! The content store: bytes kept under their blake2-256 hash (the `content_hash` a contribution
//! records, the `evidence_hash` of a record), on disk in one directory, and served to anyone.
//!
//! Writes stream to a temporary file while hashing, and land under their hash only when the
//! whole body arrived, was within the size limit and hashed to what the writer said: a file
//! under a hash always holds exactly the bytes of that hash.

use std::{
	path::{Path, PathBuf},
	sync::atomic::{AtomicU64, Ordering},
};

use blake2::{digest::consts::U32, Blake2b, Digest};
use futures::{Stream, StreamExt};
use tokio::{fs, io::AsyncWriteExt};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// Why a write was refused.
#[derive(Debug)]
pub enum PutError {
	/// The body is larger than the store takes.
	TooLarge {
		/// The limit, in bytes.
		limit: u64,
	},
	/// The body does not hash to the hash it was sent under.
	Mismatch {
		/// The hash it was sent under.
		expected: Hash,
		/// What it hashes to.
		actual: Hash,
	},
	/// The body could not be read.
	Body(String),
	/// The disk failed.
	Io(std::io::Error),
}

impl std::fmt::Display for PutError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::TooLarge { limit } => write!(f, "the content is larger than {limit} bytes"),
			Self::Mismatch { expected, actual } => write!(
				f,
				"the content hashes to {}, not to {}",
				openledger_span_match::hex(actual),
				openledger_span_match::hex(expected)
			),
			Self::Body(error) => write!(f, "the body could not be read: {error}"),
			Self::Io(error) => write!(f, "the store could not write: {error}"),
		}
	}
}

impl From<std::io::Error> for PutError {
	fn from(error: std::io::Error) -> Self {
		Self::Io(error)
	}
}

/// Content by hash, in a directory.
pub struct ContentStore {
	dir: PathBuf,
	max_item: u64,
	next_temp: AtomicU64,
}

/// Parses a `0x`-hex 32-byte hash.
pub fn parse_hash(text: &str) -> Option<Hash> {
	let bytes = hex::decode(text.strip_prefix("0x")?).ok()?;
	bytes.try_into().ok()
}

impl ContentStore {
	/// Opens (creating) the store in `dir`, taking items of at most `max_item` bytes.
	pub async fn open(dir: &Path, max_item: u64) -> std::io::Result<Self> {
		fs::create_dir_all(dir.join("tmp")).await?;
		// Leftovers of writes that never finished.
		let mut leftovers = fs::read_dir(dir.join("tmp")).await?;
		while let Some(entry) = leftovers.next_entry().await? {
			let _ = fs::remove_file(entry.path()).await;
		}
		Ok(Self { dir: dir.to_path_buf(), max_item, next_temp: AtomicU64::new(0) })
	}

	/// The largest item the store takes, in bytes.
	pub fn max_item(&self) -> u64 {
		self.max_item
	}

	fn path_of(&self, hash: &Hash) -> PathBuf {
		let name = hex::encode(hash);
		self.dir.join(&name[..2]).join(name)
	}

	/// Whether the store holds `hash`.
	#[cfg(test)]
	pub async fn has(&self, hash: &Hash) -> bool {
		fs::try_exists(self.path_of(hash)).await.unwrap_or(false)
	}

	/// The bytes under `hash`, if the store holds them.
	pub async fn get(&self, hash: &Hash) -> std::io::Result<Option<Vec<u8>>> {
		match fs::read(self.path_of(hash)).await {
			Ok(bytes) => Ok(Some(bytes)),
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(error) => Err(error),
		}
	}

	/// Stores `bytes`; returns their hash.
	pub async fn put(&self, bytes: &[u8]) -> Result<Hash, PutError> {
		let body = futures::stream::iter([Ok::<_, std::io::Error>(bytes.to_vec())]);
		self.put_stream(None, body).await.map(|(hash, _)| hash)
	}

	/// Stores a streamed body, checking it hashes to `expected` if given; returns its hash and
	/// whether it is new to the store.
	pub async fn put_stream<B, E>(
		&self,
		expected: Option<Hash>,
		mut body: impl Stream<Item = Result<B, E>> + Unpin,
	) -> Result<(Hash, bool), PutError>
	where
		B: AsRef<[u8]>,
		E: std::fmt::Display,
	{
		let temp = self.dir.join("tmp").join(format!(
			"{}-{}",
			std::process::id(),
			self.next_temp.fetch_add(1, Ordering::Relaxed)
		));
		let result = self.write_temp(&temp, &mut body).await;
		let outcome = match result {
			Ok(actual) => match expected {
				Some(expected) if expected != actual => {
					Err(PutError::Mismatch { expected, actual })
				},
				_ => self.land(&temp, &actual).await.map(|new| (actual, new)),
			},
			Err(error) => Err(error),
		};
		let _ = fs::remove_file(&temp).await;
		outcome
	}

	async fn write_temp<B: AsRef<[u8]>, E: std::fmt::Display>(
		&self,
		temp: &Path,
		body: &mut (impl Stream<Item = Result<B, E>> + Unpin),
	) -> Result<Hash, PutError> {
		let mut file = fs::File::create(temp).await?;
		let mut hasher = Blake2b::<U32>::new();
		let mut size = 0u64;
		while let Some(chunk) = body.next().await {
			let chunk = chunk.map_err(|e| PutError::Body(e.to_string()))?;
			let chunk = chunk.as_ref();
			size = size.saturating_add(chunk.len() as u64);
			if size > self.max_item {
				return Err(PutError::TooLarge { limit: self.max_item });
			}
			hasher.update(chunk);
			file.write_all(chunk).await?;
		}
		file.sync_all().await?;
		Ok(hasher.finalize().into())
	}

	/// Moves a complete, checked temporary file under its hash; `false` if it was there already.
	async fn land(&self, temp: &Path, hash: &Hash) -> Result<bool, PutError> {
		let path = self.path_of(hash);
		if fs::try_exists(&path).await.unwrap_or(false) {
			return Ok(false);
		}
		if let Some(parent) = path.parent() {
			fs::create_dir_all(parent).await?;
		}
		fs::rename(temp, &path).await?;
		Ok(true)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn chunks(parts: &[&[u8]]) -> impl Stream<Item = Result<Vec<u8>, std::io::Error>> + Unpin {
		futures::stream::iter(parts.iter().map(|p| Ok(p.to_vec())).collect::<Vec<_>>())
	}

	#[tokio::test]
	async fn content_lands_under_its_hash_and_only_then() {
		let dir = tempfile::tempdir().unwrap();
		let store = ContentStore::open(dir.path(), 11).await.unwrap();
		let hash = openledger_span_match::blake2_256(b"hello world");
		assert!(!store.has(&hash).await);
		let stored = store.put_stream(Some(hash), chunks(&[b"hello ", b"world"])).await.unwrap();
		assert_eq!(stored, (hash, true));
		assert_eq!(store.get(&hash).await.unwrap().unwrap(), b"hello world");
		assert_eq!(store.put(b"hello world").await.unwrap(), hash, "idempotent");

		let wrong = store.put_stream(Some([7; 32]), chunks(&[b"other"])).await;
		assert!(matches!(wrong, Err(PutError::Mismatch { expected, .. }) if expected == [7; 32]));
		assert!(!store.has(&openledger_span_match::blake2_256(b"other")).await);

		let big = store.put_stream(None, chunks(&[b"0123456789", b"xy"])).await;
		assert!(matches!(big, Err(PutError::TooLarge { limit: 11 })));
		assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0, "no leftovers");
		assert_eq!(store.get(&[1; 32]).await.unwrap(), None);
	}

	#[test]
	fn hashes_parse_from_0x_hex_only() {
		assert_eq!(parse_hash(&openledger_span_match::hex(&[0xab; 32])), Some([0xab; 32]));
		assert_eq!(parse_hash("ab"), None);
		assert_eq!(parse_hash("0x1234"), None);
		assert_eq!(parse_hash("0xzz"), None);
	}
}
