//! The content store: bytes kept under their blake2-256 hash (the `content_hash` a contribution
//! records, the `evidence_hash` of a record), on disk in one directory, and served to anyone.
//!
//! Writes stream to a temporary file while hashing, and land under their hash only when the
//! whole body arrived, was within the size limit and hashed to what the writer said: a file
//! under a hash always holds exactly the bytes of that hash.
//!
//! The store holds at most `quota` bytes of what the public sends ([`Admission`]); what the
//! attestor writes itself (its evidence documents, verdict reports, content a verifier fetched
//! and checked) is counted but never refused.
//!
//! Items live in one of three [`Area`]s: `<dir>/<2 hex>/<hash>` (uploads of accepted
//! contributions' content, and every item written before areas existed), `<dir>/pending/…`
//! (uploads that only pending contributions admitted when they came) and `<dir>/own/…` (the
//! attestor's own items). Only `pending/` is ever emptied: an upload there leaves when no
//! pending contribution admits it any more ([`ContentStore::remove_pending`]), and moves out
//! when one with its content is accepted ([`ContentStore::promote`]). So withdrawing a
//! contribution never removes accepted content or an item of the attestor's, whatever hash it
//! names and whenever the attestor learns of it.

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
	/// The store is full: `used` of `quota` bytes.
	QuotaFull {
		/// The quota, in bytes.
		quota: u64,
	},
	/// The content is not what this store takes: why.
	NotAdmitted(String),
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
			Self::QuotaFull { quota } => {
				write!(f, "the store is full: it holds at most {quota} bytes of uploads")
			},
			Self::NotAdmitted(why) => f.write_str(why),
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
	quota: u64,
	/// Bytes held (every item, the attestor's own included).
	used: AtomicU64,
	/// Bytes of uploads being written, counted against the quota before they land.
	in_flight: AtomicU64,
	/// Counts items landed: the indexer retries waiting versions when it moves.
	landed: AtomicU64,
	next_temp: AtomicU64,
}

/// A temporary file, removed when dropped: also when the write is abandoned half-way (a
/// request that timed out drops its future).
struct TempFile(PathBuf);

impl Drop for TempFile {
	fn drop(&mut self) {
		// Landed or not, the temporary file goes (a landed item is a link of its own).
		let _ = std::fs::remove_file(&self.0);
	}
}

/// Bytes of the quota held by a write in progress.
struct Reservation<'a> {
	store: &'a ContentStore,
	bytes: AtomicU64,
}

impl Reservation<'_> {
	/// Reserves `more` bytes, if the quota has room for them beside what is held and what
	/// other writes hold.
	fn take(&self, more: u64) -> bool {
		let store = self.store;
		let taken = store.in_flight.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |flight| {
			let after = flight.checked_add(more)?;
			(store.used.load(Ordering::SeqCst).saturating_add(after) <= store.quota)
				.then_some(after)
		});
		if taken.is_ok() {
			self.bytes.fetch_add(more, Ordering::SeqCst);
		}
		taken.is_ok()
	}
}

impl Drop for Reservation<'_> {
	fn drop(&mut self) {
		let bytes = self.bytes.load(Ordering::SeqCst);
		let _ = self.store.in_flight.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |flight| {
			Some(flight.saturating_sub(bytes))
		});
	}
}

/// Whether the public may store an item: checked on the hash before the body is read when the
/// hash is given, else once the body is hashed, and before anything lands.
pub trait Admission: Sync {
	/// `Ok` if the store takes the content `hash`, else why not.
	fn admit(&self, hash: &Hash) -> Result<(), String>;

	/// Where an admitted item lands.
	fn area(&self, _hash: &Hash) -> Area {
		Area::Uploads
	}

	/// Whether what it admits is held to the quota.
	fn within_quota(&self) -> bool {
		true
	}
}

/// Where an item lives (see the module documentation).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Area {
	/// Uploads of accepted content (and items from before areas): never removed.
	Uploads,
	/// Uploads only pending contributions admitted: removed when none does.
	Pending,
	/// The attestor's own items: never removed.
	Own,
}

/// What the attestor writes itself: no admission, no quota.
pub struct Own;

impl Admission for Own {
	fn admit(&self, _: &Hash) -> Result<(), String> {
		Ok(())
	}

	fn area(&self, _hash: &Hash) -> Area {
		Area::Own
	}

	fn within_quota(&self) -> bool {
		false
	}
}

/// The directories of [`Area::Own`] and [`Area::Pending`], beside the uploads' shards.
const OWN: &str = "own";
const PENDING: &str = "pending";

/// The bytes of the items in the shards (`<2 hex>/`) of `dir`.
async fn bytes_in_shards(dir: &Path) -> std::io::Result<u64> {
	let mut used = 0u64;
	let mut shards = fs::read_dir(dir).await?;
	while let Some(shard) = shards.next_entry().await? {
		let name = shard.file_name();
		if name.len() != 2 || !shard.file_type().await?.is_dir() {
			continue;
		}
		let mut items = fs::read_dir(shard.path()).await?;
		while let Some(item) = items.next_entry().await? {
			used = used.saturating_add(item.metadata().await?.len());
		}
	}
	Ok(used)
}

/// Parses a `0x`-hex 32-byte hash.
pub fn parse_hash(text: &str) -> Option<Hash> {
	let bytes = hex::decode(text.strip_prefix("0x")?).ok()?;
	bytes.try_into().ok()
}

impl ContentStore {
	/// Opens (creating) the store in `dir`, taking items of at most `max_item` bytes from the
	/// public while it holds less than `quota` bytes.
	pub async fn open(dir: &Path, max_item: u64, quota: u64) -> std::io::Result<Self> {
		fs::create_dir_all(dir.join("tmp")).await?;
		// Leftovers of writes that never finished.
		let mut leftovers = fs::read_dir(dir.join("tmp")).await?;
		while let Some(entry) = leftovers.next_entry().await? {
			let _ = fs::remove_file(entry.path()).await;
		}
		let mut used = bytes_in_shards(dir).await?;
		for area in [OWN, PENDING] {
			fs::create_dir_all(dir.join(area)).await?;
			used = used.saturating_add(bytes_in_shards(&dir.join(area)).await?);
		}
		Ok(Self {
			dir: dir.to_path_buf(),
			max_item,
			quota,
			used: AtomicU64::new(used),
			in_flight: AtomicU64::new(0),
			landed: AtomicU64::new(0),
			next_temp: AtomicU64::new(0),
		})
	}

	/// The largest item the store takes, in bytes.
	pub fn max_item(&self) -> u64 {
		self.max_item
	}

	/// The bytes held, and the quota of uploads.
	pub fn usage(&self) -> (u64, u64) {
		(self.used.load(Ordering::Relaxed), self.quota)
	}

	/// How many items have landed since the store was opened.
	pub fn landed(&self) -> u64 {
		self.landed.load(Ordering::Relaxed)
	}

	fn path_of(&self, hash: &Hash, area: Area) -> PathBuf {
		let name = hex::encode(hash);
		let base = match area {
			Area::Uploads => self.dir.clone(),
			Area::Pending => self.dir.join(PENDING),
			Area::Own => self.dir.join(OWN),
		};
		base.join(&name[..2]).join(name)
	}

	/// Where the item under `hash` is among `areas`, and its size.
	async fn find_in(&self, hash: &Hash, areas: &[Area]) -> Option<(PathBuf, u64)> {
		for &area in areas {
			let path = self.path_of(hash, area);
			if let Ok(metadata) = fs::metadata(&path).await {
				return Some((path, metadata.len()));
			}
		}
		None
	}

	/// Where the item under `hash` is, and its size, if the store holds it.
	async fn find(&self, hash: &Hash) -> Option<(PathBuf, u64)> {
		self.find_in(hash, &[Area::Uploads, Area::Own, Area::Pending]).await
	}

	/// The size of the item under `hash`, if the store holds it.
	pub async fn size(&self, hash: &Hash) -> Option<u64> {
		self.find(hash).await.map(|(_, size)| size)
	}

	/// Whether the store holds `hash`.
	pub async fn has(&self, hash: &Hash) -> bool {
		self.find(hash).await.is_some()
	}

	/// Removes the upload under `hash` from [`Area::Pending`] (nothing else is ever removed):
	/// its bytes leave the quota. The bytes freed, 0 if there was none.
	pub async fn remove_pending(&self, hash: &Hash) -> std::io::Result<u64> {
		let path = self.path_of(hash, Area::Pending);
		let size = match fs::metadata(&path).await {
			Ok(metadata) => metadata.len(),
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
			Err(error) => return Err(error),
		};
		match fs::remove_file(&path).await {
			Ok(()) => {
				let _ = self.used.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
					Some(used.saturating_sub(size))
				});
				Ok(size)
			},
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(0),
			Err(error) => Err(error),
		}
	}

	/// Moves the upload under `hash` out of [`Area::Pending`]: a contribution with its content
	/// was accepted, so it stays for good. `true` if there was one.
	pub async fn promote(&self, hash: &Hash) -> std::io::Result<bool> {
		let from = self.path_of(hash, Area::Pending);
		if !fs::try_exists(&from).await.unwrap_or(false) {
			return Ok(false);
		}
		let to = self.path_of(hash, Area::Uploads);
		if fs::try_exists(&to).await.unwrap_or(false) {
			// Held there already: the pending copy is one too many.
			self.remove_pending(hash).await?;
			return Ok(true);
		}
		if let Some(parent) = to.parent() {
			fs::create_dir_all(parent).await?;
		}
		// Linked, then unlinked from the pending area: never replacing an item landed there
		// meanwhile (then the pending copy is one too many).
		match fs::hard_link(&from, &to).await {
			Ok(()) => {
				fs::remove_file(&from).await?;
				Ok(true)
			},
			Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
				self.remove_pending(hash).await?;
				Ok(true)
			},
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
			Err(error) => Err(error),
		}
	}

	/// The hashes of the uploads in [`Area::Pending`].
	pub async fn pending(&self) -> std::io::Result<Vec<Hash>> {
		let mut hashes = Vec::new();
		let mut shards = fs::read_dir(self.dir.join(PENDING)).await?;
		while let Some(shard) = shards.next_entry().await? {
			let mut items = fs::read_dir(shard.path()).await?;
			while let Some(item) = items.next_entry().await? {
				let name = item.file_name();
				if let Some(hash) = name.to_str().and_then(|n| hex::decode(n).ok()) {
					if let Ok(hash) = Hash::try_from(hash) {
						hashes.push(hash);
					}
				}
			}
		}
		Ok(hashes)
	}

	/// The file under `hash` and its length, if the store holds it: for streaming it out.
	pub async fn open_item(&self, hash: &Hash) -> std::io::Result<Option<(fs::File, u64)>> {
		// Twice: an item moved out of the pending area between finding and opening it is
		// found again in its new place.
		for _ in 0..2 {
			let Some((path, _)) = self.find(hash).await else { return Ok(None) };
			match fs::File::open(path).await {
				Ok(file) => {
					let length = file.metadata().await?.len();
					return Ok(Some((file, length)));
				},
				Err(error) if error.kind() == std::io::ErrorKind::NotFound => {},
				Err(error) => return Err(error),
			}
		}
		Ok(None)
	}

	/// The bytes under `hash`, if the store holds them.
	pub async fn get(&self, hash: &Hash) -> std::io::Result<Option<Vec<u8>>> {
		Ok(self.read(hash).await?.map(|(_, bytes)| bytes))
	}

	/// The bytes under `hash`, if the store holds them, read for an index build: they leave
	/// the page cache after (advice to the kernel, harmless if refused), so that the memory
	/// goes to the indexes that answers read again and again, not to content read once.
	pub async fn read_once(&self, hash: &Hash) -> std::io::Result<Option<Vec<u8>>> {
		let Some((file, bytes)) = self.read(hash).await? else { return Ok(None) };
		let file = file.into_std().await;
		let _ = tokio::task::spawn_blocking(move || {
			rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::DontNeed)
		})
		.await;
		Ok(Some(bytes))
	}

	/// The item under `hash`, read whole, and its open file.
	async fn read(&self, hash: &Hash) -> std::io::Result<Option<(fs::File, Vec<u8>)>> {
		let Some((mut file, length)) = self.open_item(hash).await? else { return Ok(None) };
		let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
		tokio::io::AsyncReadExt::read_to_end(&mut file, &mut bytes).await?;
		Ok(Some((file, bytes)))
	}

	/// Stores `bytes`; returns their hash.
	pub async fn put(&self, bytes: &[u8]) -> Result<Hash, PutError> {
		let body = futures::stream::iter([Ok::<_, std::io::Error>(bytes.to_vec())]);
		self.put_stream(None, body, &Own).await.map(|(hash, _)| hash)
	}

	/// Stores a streamed body, checking it hashes to `expected` if given and that `admission`
	/// takes it (and, unless the attestor writes it itself, that it fits the quota); returns
	/// its hash and whether it is new to the store.
	pub async fn put_stream<B, E>(
		&self,
		expected: Option<Hash>,
		mut body: impl Stream<Item = Result<B, E>> + Unpin,
		admission: &dyn Admission,
	) -> Result<(Hash, bool), PutError>
	where
		B: AsRef<[u8]>,
		E: std::fmt::Display,
	{
		if let Some(expected) = expected {
			admission.admit(&expected).map_err(PutError::NotAdmitted)?;
		}
		let guard = TempFile(self.dir.join("tmp").join(format!(
			"{}-{}",
			std::process::id(),
			self.next_temp.fetch_add(1, Ordering::Relaxed)
		)));
		let temp = &guard.0;
		// What this write reserves of the quota, given back when it ends (by then a landed
		// item's bytes count in `used`).
		let reserved = Reservation { store: self, bytes: AtomicU64::new(0) };
		let result = self.write_temp(temp, &mut body, admission, &reserved).await;
		let outcome = match result {
			Ok((actual, size)) => match expected {
				Some(expected) if expected != actual => {
					Err(PutError::Mismatch { expected, actual })
				},
				_ => match admission.admit(&actual) {
					Ok(()) => self
						.land(temp, &actual, size, admission.area(&actual))
						.await
						.map(|new| (actual, new)),
					Err(why) => Err(PutError::NotAdmitted(why)),
				},
			},
			Err(error) => Err(error),
		};
		outcome
	}

	async fn write_temp<B: AsRef<[u8]>, E: std::fmt::Display>(
		&self,
		temp: &Path,
		body: &mut (impl Stream<Item = Result<B, E>> + Unpin),
		admission: &dyn Admission,
		reserved: &Reservation<'_>,
	) -> Result<(Hash, u64), PutError> {
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
			if admission.within_quota() && !reserved.take(chunk.len() as u64) {
				return Err(PutError::QuotaFull { quota: self.quota });
			}
			hasher.update(chunk);
			file.write_all(chunk).await?;
		}
		file.sync_all().await?;
		Ok((hasher.finalize().into(), size))
	}

	/// Moves a complete, checked temporary file under its hash in `area`; `false` if the store
	/// held it already (for the attestor's own item: in an area never emptied).
	async fn land(
		&self,
		temp: &Path,
		hash: &Hash,
		size: u64,
		area: Area,
	) -> Result<bool, PutError> {
		let held = match area {
			Area::Own => self.find_in(hash, &[Area::Own, Area::Uploads]).await,
			Area::Uploads | Area::Pending => self.find(hash).await,
		};
		if held.is_some() {
			return Ok(false);
		}
		let path = self.path_of(hash, area);
		if let Some(parent) = path.parent() {
			fs::create_dir_all(parent).await?;
		}
		// A link, not a rename: it never replaces what another write landed meanwhile, so that
		// the same bytes are counted once however many uploads of them end together (the
		// temporary file goes with its guard).
		match fs::hard_link(temp, &path).await {
			Ok(()) => {},
			Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
			Err(error) => return Err(error.into()),
		}
		self.used.fetch_add(size, Ordering::Relaxed);
		self.landed.fetch_add(1, Ordering::Relaxed);
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
		let store = ContentStore::open(dir.path(), 11, 1 << 20).await.unwrap();
		let hash = openledger_span_match::blake2_256(b"hello world");
		assert!(!store.has(&hash).await);
		let stored =
			store.put_stream(Some(hash), chunks(&[b"hello ", b"world"]), &Own).await.unwrap();
		assert_eq!(stored, (hash, true));
		assert_eq!(store.get(&hash).await.unwrap().unwrap(), b"hello world");
		assert_eq!(store.put(b"hello world").await.unwrap(), hash, "idempotent");

		let wrong = store.put_stream(Some([7; 32]), chunks(&[b"other"]), &Own).await;
		assert!(matches!(wrong, Err(PutError::Mismatch { expected, .. }) if expected == [7; 32]));
		assert!(!store.has(&openledger_span_match::blake2_256(b"other")).await);

		let big = store.put_stream(None, chunks(&[b"0123456789", b"xy"]), &Own).await;
		assert!(matches!(big, Err(PutError::TooLarge { limit: 11 })));
		assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0, "no leftovers");
		assert_eq!(store.get(&[1; 32]).await.unwrap(), None);
	}

	#[tokio::test]
	async fn an_abandoned_upload_leaves_nothing_behind() {
		let dir = tempfile::tempdir().unwrap();
		let store = ContentStore::open(dir.path(), 100, 100).await.unwrap();
		// A body whose second chunk never comes, given up on (as a timed-out request is).
		let body = futures::stream::iter([Ok::<_, std::io::Error>(b"half".to_vec())])
			.chain(futures::stream::pending());
		let put = store.put_stream(None, Box::pin(body), &Own);
		assert!(tokio::time::timeout(std::time::Duration::from_millis(100), put).await.is_err());
		assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0, "no leftovers");
	}

	/// Admits what is listed.
	struct Listed(Vec<Hash>);

	impl Admission for Listed {
		fn admit(&self, hash: &Hash) -> Result<(), String> {
			if self.0.contains(hash) {
				Ok(())
			} else {
				Err(format!("{} is not wanted", openledger_span_match::hex(hash)))
			}
		}
	}

	#[tokio::test]
	async fn the_public_stores_only_admitted_content_within_the_quota() {
		let dir = tempfile::tempdir().unwrap();
		let store = ContentStore::open(dir.path(), 100, 12).await.unwrap();
		let (a, b, c) = (b"aaaaaaaa".as_slice(), b"bbbbbbbb".as_slice(), b"cc".as_slice());
		let [ha, hb, hc] = [a, b, c].map(openledger_span_match::blake2_256);
		let admitted = Listed(vec![ha, hb, hc]);

		// Refused on the declared hash, before the body is read; and on the computed one.
		let unknown = store.put_stream(Some([9; 32]), chunks(&[b"zz"]), &admitted).await;
		assert!(
			matches!(unknown, Err(PutError::NotAdmitted(ref why)) if why.contains("not wanted"))
		);
		let unknown = store.put_stream(None, chunks(&[b"zz"]), &admitted).await;
		assert!(matches!(unknown, Err(PutError::NotAdmitted(_))));
		assert!(!store.has(&openledger_span_match::blake2_256(b"zz")).await);

		assert!(store.put_stream(Some(ha), chunks(&[a]), &admitted).await.is_ok());
		assert_eq!(store.usage(), (8, 12));
		let full = store.put_stream(Some(hb), chunks(&[b"bbbb", b"bbbb"]), &admitted).await;
		assert!(matches!(full, Err(PutError::QuotaFull { quota: 12 })), "8 + 8 > 12");
		assert!(store.put_stream(Some(hc), chunks(&[c]), &admitted).await.is_ok(), "8 + 2 fits");
		// The attestor's own writes are never refused, and count.
		assert!(store.put(b"an evidence document").await.is_ok());
		assert_eq!(store.usage().0, 30);
		assert_eq!(store.landed(), 3);

		// Reopened, the store knows what it holds.
		let reopened = ContentStore::open(dir.path(), 100, 12).await.unwrap();
		assert_eq!(reopened.usage(), (30, 12));
		assert_eq!(std::fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0, "no leftovers");
	}

	/// Admits what is listed, into the pending area.
	struct PendingOnly(Vec<Hash>);

	impl Admission for PendingOnly {
		fn admit(&self, hash: &Hash) -> Result<(), String> {
			Listed(self.0.clone()).admit(hash)
		}

		fn area(&self, _hash: &Hash) -> Area {
			Area::Pending
		}
	}

	#[tokio::test]
	async fn only_pending_uploads_are_ever_removed_and_accepted_ones_move_out_for_good() {
		let dir = tempfile::tempdir().unwrap();
		let store = ContentStore::open(dir.path(), 100, 100).await.unwrap();
		let (pending, accepted, evidence, legacy) = (
			b"pending bytes".as_slice(),
			b"accepted later".as_slice(),
			b"an evidence document".as_slice(),
			b"written before areas".as_slice(),
		);
		let [hp, ha, he, hl] =
			[pending, accepted, evidence, legacy].map(openledger_span_match::blake2_256);
		let public = PendingOnly(vec![hp, ha, he, hl]);
		assert!(store.put_stream(Some(hp), chunks(&[pending]), &public).await.unwrap().1);
		assert!(store.put_stream(Some(ha), chunks(&[accepted]), &public).await.unwrap().1);
		assert!(dir
			.path()
			.join("pending")
			.join(&hex::encode(hp)[..2])
			.join(hex::encode(hp))
			.exists());

		// The attestor's own item lands in its own area even when a pending upload of the same
		// bytes came first, which someone may then withdraw.
		assert!(store.put_stream(Some(he), chunks(&[evidence]), &public).await.unwrap().1);
		assert_eq!(store.put(evidence).await.unwrap(), he);
		assert_eq!(store.remove_pending(&he).await.unwrap(), 20);
		assert_eq!(store.get(&he).await.unwrap().as_deref(), Some(evidence), "its own copy");
		// An item from before areas (in the uploads' place) is never removed.
		let old = dir.path().join(&hex::encode(hl)[..2]);
		std::fs::create_dir_all(&old).unwrap();
		std::fs::write(old.join(hex::encode(hl)), legacy).unwrap();
		assert_eq!(store.remove_pending(&hl).await.unwrap(), 0);
		assert!(store.has(&hl).await);

		// Accepted: it moves out of the pending area, and stays.
		assert!(store.promote(&ha).await.unwrap());
		assert!(!store.promote(&ha).await.unwrap(), "once");
		assert_eq!(store.remove_pending(&ha).await.unwrap(), 0);
		assert_eq!(store.get(&ha).await.unwrap().as_deref(), Some(accepted));
		assert_eq!(store.pending().await.unwrap(), vec![hp]);

		// Withdrawn: its bytes leave the store and the quota, also across a reopening.
		let before = store.usage().0;
		assert_eq!(store.remove_pending(&hp).await.unwrap(), 13);
		assert!(!store.has(&hp).await);
		assert_eq!(store.usage().0, before - 13);
		assert_eq!(store.remove_pending(&hp).await.unwrap(), 0, "once");
		let reopened = ContentStore::open(dir.path(), 100, 100).await.unwrap();
		assert_eq!(reopened.usage().0, before - 13 + legacy.len() as u64);
		assert!(reopened.pending().await.unwrap().is_empty());
	}

	#[test]
	fn hashes_parse_from_0x_hex_only() {
		assert_eq!(parse_hash(&openledger_span_match::hex(&[0xab; 32])), Some([0xab; 32]));
		assert_eq!(parse_hash("ab"), None);
		assert_eq!(parse_hash("0x1234"), None);
		assert_eq!(parse_hash("0xzz"), None);
	}
}
