//! What the span-match examples share: a deterministic generator, the corpus of text files,
//! and answers made from it.

use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*), so every run asks the same questions.
pub struct Rng(pub u64);

impl Rng {
	pub fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}

	pub fn below(&mut self, n: usize) -> usize {
		(self.next() % n.max(1) as u64) as usize
	}
}

pub fn files(dir: &Path) -> Vec<PathBuf> {
	let mut out = Vec::new();
	let mut stack = vec![dir.to_path_buf()];
	while let Some(path) = stack.pop() {
		let Ok(entries) = std::fs::read_dir(&path) else { continue };
		for entry in entries.flatten() {
			let path = entry.path();
			match entry.file_type() {
				Ok(kind) if kind.is_dir() => stack.push(path),
				Ok(kind) if kind.is_file() => out.push(path),
				_ => {},
			}
		}
	}
	out.sort();
	out
}

/// Text files of `dir`, in path order, until `bytes` (binary files skipped).
pub fn corpus(all: &[PathBuf], bytes: u64) -> Vec<(u64, String)> {
	let mut out = Vec::new();
	let mut total = 0u64;
	for (id, path) in all.iter().enumerate() {
		if total >= bytes {
			break;
		}
		let Ok(raw) = std::fs::read(path) else { continue };
		if raw.contains(&0) {
			continue;
		}
		let Ok(text) = String::from_utf8(raw) else { continue };
		total += text.len() as u64;
		out.push((id as u64, text));
	}
	out
}

pub fn answer(
	rng: &mut Rng,
	contributions: &[Vec<String>],
	vocabulary: &[String],
	length: usize,
) -> String {
	let mut tokens: Vec<String> = Vec::with_capacity(length);
	while tokens.len() < length {
		let quoted = 8 + rng.below(33);
		let source = &contributions[rng.below(contributions.len())];
		if source.len() > quoted {
			let at = rng.below(source.len() - quoted);
			tokens.extend(source[at..at + quoted].iter().cloned());
		}
		for _ in 0..quoted {
			tokens.push(vocabulary[rng.below(vocabulary.len())].clone());
		}
	}
	tokens.truncate(length);
	tokens.join(" ")
}
