//! The texts of the records an import writes, left in the buffers the sync
//! worker posted them in.
//!
//! Why: a practice's import brings 58 MB of texts. Copied into the page's
//! WebAssembly memory all at once and checked as UTF-8, they cost 70–130
//! ms, and that memory never shrinks, so the tab kept 58 MB more for as
//! long as it was open (BENCHMARKS.md, issue 14, session 14). So the page
//! keeps the posted buffers and copies a text into its memory only when it
//! reads or stores it: one record, or one run of a client's records for a
//! segment, at a time, each checked as UTF-8 then. Its memory grows by the
//! largest run (a few hundred kilobytes), not by the import.
//!
//! The worker never splits one record's text between buffers, but a run's
//! list may span several.

use std::borrow::Cow;
use std::ops::Range;

use js_sys::Uint8Array;
use stillpoint_core::sync::sync_job::TextStore;

/// The posted buffers, in order, and where each starts in the texts.
#[derive(Debug)]
pub struct PostedTexts {
    parts: Vec<Uint8Array>,
    starts: Vec<usize>,
    length: usize,
}

impl PostedTexts {
    /// Keeps `parts` (moved here by the worker, so nothing else holds them).
    pub fn new(parts: Vec<Uint8Array>) -> Self {
        let mut starts = Vec::with_capacity(parts.len());
        let mut length = 0;
        for part in &parts {
            starts.push(length);
            length += part.length() as usize;
        }
        Self {
            parts,
            starts,
            length,
        }
    }

    /// The index of the buffer that holds byte `at` (of those starting
    /// there, the last: any before it are empty).
    fn part_at(&self, at: usize) -> usize {
        self.starts
            .partition_point(|start| *start <= at)
            .saturating_sub(1)
    }
}

impl TextStore for PostedTexts {
    fn byte_len(&self) -> usize {
        self.length
    }

    /// Read in place: the layout check reads a byte per record and per
    /// run, and a view each would make 100,000 objects for the collector.
    fn byte(&self, at: usize) -> Option<u8> {
        if at >= self.length {
            return None;
        }
        let part = self.part_at(at);
        Some(self.parts[part].get_index((at - self.starts[part]) as u32))
    }

    fn text(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        if range.start > range.end || range.end > self.length {
            return None;
        }
        let mut bytes = Vec::with_capacity(range.len());
        let mut at = range.start;
        let mut part = self.part_at(at);
        while at < range.end {
            let (buffer, start) = (&self.parts[part], self.starts[part]);
            let end = range.end.min(start + buffer.length() as usize);
            let piece = buffer.subarray((at - start) as u32, (end - start) as u32);
            let filled = bytes.len();
            bytes.resize(filled + piece.length() as usize, 0);
            piece.copy_to(&mut bytes[filled..]);
            at = end;
            part += 1;
        }
        String::from_utf8(bytes).ok().map(Cow::Owned)
    }
}

/// Frees the buffers at once rather than at the next collection, once the
/// last holder of the reply is gone (the import is written or abandoned).
impl Drop for PostedTexts {
    fn drop(&mut self) {
        for part in &self.parts {
            // A browser without `ArrayBuffer.prototype.transfer` frees it
            // later.
            let _ = part.buffer().transfer_with_length(0);
        }
    }
}
