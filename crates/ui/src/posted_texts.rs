//! The texts of the records an import writes, left in the buffers the sync
//! worker posted them in.
//!
//! Why: a practice's import brings 58 MB of texts. Copied into the page's
//! WebAssembly memory and checked as UTF-8, they cost 70–130 ms, and that
//! memory never shrinks, so the tab kept 58 MB more for as long as it was
//! open (BENCHMARKS.md, issue 14, session 14). Most of them are only handed
//! on to storage as they came: a client's run of signed sessions becomes
//! that client's segment as it is. So the page keeps the posted buffers,
//! copies a run into a buffer of its own inside JavaScript when it stores it
//! ([`PostedTexts::list`]), and copies into its memory only the texts it
//! reads (clients, plans, rules: a few thousand), checked as UTF-8 then.
//!
//! The worker never splits one record's text between buffers, but a run's
//! list may span several. (Posting each run in a buffer of its own, so that
//! a segment could be stored as the buffer it came in, was tried: it moved
//! neither the import's time nor the tab's peak; BENCHMARKS.md.)

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

    /// The pieces of the buffers that hold `range`, each with where in
    /// `range` it starts; none if `range` runs past the texts.
    fn pieces(&self, range: Range<usize>) -> Option<Vec<(usize, Uint8Array)>> {
        if range.end > self.length || range.start > range.end {
            return None;
        }
        let first = self.starts.partition_point(|start| *start <= range.start);
        let mut pieces = Vec::new();
        let mut at = range.start;
        for (part, start) in self.parts.iter().zip(&self.starts).skip(first.max(1) - 1) {
            if at >= range.end {
                break;
            }
            let end = range.end.min(start + part.length() as usize);
            if end > at {
                let piece = part.subarray((at - start) as u32, (end - start) as u32);
                pieces.push((at - range.start, piece));
                at = end;
            }
        }
        Some(pieces)
    }

    /// The bytes in `range` in a buffer of their own, copied inside
    /// JavaScript: what a segment stores. A view of the posted buffer would
    /// not do: storing a view stores its whole buffer.
    pub fn list(&self, range: Range<usize>) -> Option<Uint8Array> {
        let length = range.len() as u32;
        let pieces = self.pieces(range)?;
        if let [(_, piece)] = pieces.as_slice() {
            return Some(piece.slice(0, length));
        }
        let list = Uint8Array::new_with_length(length);
        for (at, piece) in pieces {
            list.set(&piece, at as u32);
        }
        Some(list)
    }
}

impl TextStore for PostedTexts {
    fn byte_len(&self) -> usize {
        self.length
    }

    /// Read in place: the layout check reads two bytes per record, and a
    /// view each would make 200,000 objects for the collector.
    fn byte(&self, at: usize) -> Option<u8> {
        let part = self
            .starts
            .partition_point(|start| *start <= at)
            .checked_sub(1)?;
        let within = at - self.starts[part];
        let buffer = &self.parts[part];
        (within < buffer.length() as usize).then(|| buffer.get_index(within as u32))
    }

    fn text(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        let mut bytes = vec![0; range.len()];
        for (at, piece) in self.pieces(range)? {
            piece.copy_to(&mut bytes[at..at + piece.length() as usize]);
        }
        String::from_utf8(bytes).ok().map(Cow::Owned)
    }
}

/// Frees the buffers at once rather than at the next collection: the page
/// has written them, and the next import's would come on top.
impl Drop for PostedTexts {
    fn drop(&mut self) {
        for part in &self.parts {
            // A browser without `ArrayBuffer.prototype.transfer` frees it
            // later.
            let _ = part.buffer().transfer_with_length(0);
        }
    }
}
