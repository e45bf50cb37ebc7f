//! Turning `postMessage` data into jobs and replies into `postMessage` data.
//! Each message is `{ job | reply, texts?, bytes? | file? }`: the job or
//! reply as JSON bytes ([`SyncJob::to_bytes`], [`SyncReply::into_message`]),
//! the texts of the records an import would write (one `Uint8Array`, or a
//! list of them as [`PostedTexts`] wrote them), and the bytes of a file or
//! feed, each transferable (moved, not copied or cloned object by object);
//! a file to import comes as the `File` itself.

use std::any::Any;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use stillpoint_core::sync::sync_job::{SyncJob, SyncReply, TextSink};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// A job as it arrived.
pub struct Incoming {
    /// What to do.
    pub job: SyncJob,
    /// The file to import, or the clinic feed to read, if any.
    pub input: Input,
}

/// What a job reads besides its JSON.
pub enum Input {
    /// Nothing (an export, a clinic post).
    None,
    /// Bytes the page already held (a clinic server's answer).
    Bytes(Vec<u8>),
    /// The file the therapist picked, unread: the page hands it over as it
    /// is (a `File` crosses without a copy) and the worker reads it once,
    /// so a 58 MB export is not copied into the page's memory and out again
    /// (BENCHMARKS.md, issue 14).
    File(Blob),
}

/// A job's input read into the worker's memory, and, for a picked file,
/// the browser's own copy of it as well.
pub struct ReadInput {
    /// The bytes, in the worker's memory.
    pub bytes: Vec<u8>,
    /// The file as the browser read it: a part of it can be handed to the
    /// browser (its SHA-256) without copying 58 MB out of WebAssembly.
    pub file: Option<ArrayBuffer>,
}

impl ReadInput {
    /// The part `part` of [`Self::bytes`] as a JavaScript array: a view of
    /// the browser's copy of the file when there is one and `part` lies in
    /// the bytes, else a copy out of the worker's memory.
    pub fn as_js(&self, part: &[u8]) -> Uint8Array {
        let start = (part.as_ptr() as usize).checked_sub(self.bytes.as_ptr() as usize);
        let within = start.filter(|start| start + part.len() <= self.bytes.len());
        let file = self
            .file
            .as_ref()
            .filter(|file| file.byte_length() as usize == self.bytes.len());
        match (file, within) {
            (Some(file), Some(start)) => {
                Uint8Array::new_with_byte_offset_and_length(file, start as u32, part.len() as u32)
            }
            _ => Uint8Array::from(part),
        }
    }

    /// Frees the browser's copy of the file now, once what it was kept for
    /// has its part (`crypto.subtle.digest` copies its input when called):
    /// 58 MB for a practice, which the worker's collector would otherwise
    /// keep through the parse, since the parse makes almost no JavaScript
    /// garbage to prompt it (BENCHMARKS.md, issue 14, session 10).
    /// [`Self::as_js`] copies from the worker's memory after this.
    pub fn release_file(&self) {
        if let Some(file) = &self.file {
            // Detaching frees it at once; a browser without
            // `ArrayBuffer.prototype.transfer` frees it later instead.
            let _ = file.transfer_with_length(0);
        }
    }
}

impl Input {
    /// The bytes to read, or why the file could not be read.
    pub async fn read(self) -> Result<ReadInput, String> {
        let read = |bytes| ReadInput { bytes, file: None };
        match self {
            Self::None => Ok(read(Vec::new())),
            Self::Bytes(bytes) => Ok(read(bytes)),
            Self::File(file) => JsFuture::from(file.array_buffer())
                .await
                .map(|buffer| {
                    let file = ArrayBuffer::from(buffer);
                    ReadInput {
                        bytes: Uint8Array::new(&file).to_vec(),
                        file: Some(file),
                    }
                })
                .map_err(|_| {
                    "The file could not be read. It may have been moved or changed since it \
                     was chosen: choose it again."
                        .to_owned()
                }),
        }
    }
}

/// The bytes of the `Uint8Array` under `name` in `data`, if there is one.
fn bytes_of(data: &JsValue, name: &str) -> Option<Vec<u8>> {
    Reflect::get(data, &name.into())
        .ok()
        .filter(|value| value.is_instance_of::<Uint8Array>())
        .map(|value| Uint8Array::from(value).to_vec())
}

impl Incoming {
    /// Reads `{ job, bytes }`; an unreadable message is a bug in the app,
    /// reported back as a failure rather than a silent hang.
    pub fn from_js(data: JsValue) -> Result<Self, String> {
        let job = bytes_of(&data, "job").ok_or_else(|| "the request had no job".to_owned())?;
        let job = SyncJob::from_bytes(&job).map_err(|error| error.to_string())?;
        let file = Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|file| file.dyn_into::<Blob>().ok());
        let input = match (file, bytes_of(&data, "bytes")) {
            (Some(file), _) => Input::File(file),
            (None, Some(bytes)) => Input::Bytes(bytes),
            (None, None) => Input::None,
        };
        Ok(Self { job, input })
    }
}

/// The texts of an import's records, written straight into buffers posted
/// to the page ([`TextSink`]): kept in the worker's memory, a practice's
/// 58 MB came on top of the file and the parsed records and were copied
/// out once more to be posted, and that was the tab's memory peak
/// (BENCHMARKS.md, issue 14, session 10). Texts gather in a quarter
/// megabyte of the worker's memory, copied out whenever it fills, so a
/// record's text crosses in one copy, not one call each.
pub struct PostedTexts {
    staged: Vec<u8>,
    posted: Vec<Uint8Array>,
    written: usize,
}

/// How much [`PostedTexts`] gathers before copying it out.
const STAGED_BYTES: usize = 1 << 18;

impl Default for PostedTexts {
    fn default() -> Self {
        Self {
            staged: Vec::with_capacity(STAGED_BYTES),
            posted: Vec::new(),
            written: 0,
        }
    }
}

impl PostedTexts {
    fn copy_out(&mut self) {
        if !self.staged.is_empty() {
            self.posted.push(Uint8Array::from(&self.staged[..]));
            self.staged.clear();
        }
    }

    /// The buffers holding every text, in order.
    pub fn finish(mut self) -> Vec<Uint8Array> {
        self.copy_out();
        self.posted
    }
}

impl TextSink for PostedTexts {
    fn push_str(&mut self, text: &str) {
        if self.staged.len() + text.len() > STAGED_BYTES {
            self.copy_out();
        }
        self.staged.extend_from_slice(text.as_bytes());
        self.written += text.len();
    }

    fn written(&self) -> usize {
        self.written
    }
}

/// A reply on its way out.
pub struct Outgoing {
    reply: SyncReply,
    bytes: Option<Vec<u8>>,
    /// The records' texts, when the reply's were written elsewhere
    /// ([`PostedTexts`]).
    texts: Vec<Uint8Array>,
    /// The job's working data, freed once the reply is posted: freeing a
    /// practice's 100,000 merged records, allocation by allocation, held
    /// the reply back by about 0.1 s (BENCHMARKS.md, issue 14, session 9).
    freed_after_posting: Option<Box<dyn Any>>,
}

impl Outgoing {
    /// A reply without a file.
    pub fn new(reply: SyncReply) -> Self {
        Self {
            reply,
            bytes: None,
            texts: Vec::new(),
            freed_after_posting: None,
        }
    }

    /// A reply carrying the exported file.
    pub fn with_bytes(reply: SyncReply, bytes: Vec<u8>) -> Self {
        Self {
            reply,
            bytes: Some(bytes),
            texts: Vec::new(),
            freed_after_posting: None,
        }
    }

    /// The reply with the texts its records were written to.
    pub fn with_texts(self, texts: PostedTexts) -> Self {
        Self {
            texts: texts.finish(),
            ..self
        }
    }

    /// The reply, with `data` the job worked on to free after posting it.
    pub fn freeing_after_posting(self, data: Box<dyn Any>) -> Self {
        Self {
            freed_after_posting: Some(data),
            ..self
        }
    }

    /// The signal that the worker listens for jobs now.
    pub fn ready() -> Self {
        Self::new(SyncReply::Ready)
    }

    /// A failure in the therapist's words.
    pub fn failed(message: String) -> Self {
        Self::new(SyncReply::Failed(message))
    }

    /// The message object, the buffers to transfer with it, and what to
    /// free once it is posted.
    pub fn into_js(self) -> (JsValue, Array, Option<Box<dyn Any>>) {
        let message = Object::new();
        let transfer = Array::new();
        let attach = |name: &str, bytes: &[u8]| {
            let array = Uint8Array::from(bytes);
            transfer.push(&array.buffer());
            let _ = Reflect::set(&message, &name.into(), &array);
        };
        let reply = self.reply.into_message();
        attach("reply", &reply.json);
        if let Some(texts) = reply.texts {
            let texts: &dyn Any = &*texts;
            let texts: &String = texts
                .downcast_ref()
                .expect("the worker keeps the texts it wrote in a String");
            attach("texts", texts.as_bytes());
        } else if !self.texts.is_empty() {
            let texts = Array::new();
            for part in self.texts {
                transfer.push(&part.buffer());
                texts.push(&part);
            }
            let _ = Reflect::set(&message, &"texts".into(), &texts);
        }
        if let Some(bytes) = self.bytes {
            attach("bytes", &bytes);
        }
        (message.into(), transfer, self.freed_after_posting)
    }
}
