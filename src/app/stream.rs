//! The main GeoJSON read as its bytes arrive (issue 14): while a large file downloads, the
//! features that have come whole are read a step at a time, so that reading overlaps the
//! download instead of following it. A file given whole is the same stream, its bytes all in.
//!
//! The bytes of features read are dropped once they come to [`KEPT_BYTES`], so that a large
//! file is never held whole; a file that is not a FeatureCollection the scan can follow is read
//! whole at its end, as before, unless bytes were dropped already: then what is wrong is said
//! with where it is.

use crate::model::geojson::Scan;
use crate::model::{no_usable_feature, DatasetBuilder, Problem};

use super::loading::{text_of, STEPPED_BYTES, STEP_BYTES};

/// The bytes of features read that a stream keeps before it drops them: a file up to this
/// size is kept whole until its end (and read whole there when the scan cannot follow it).
pub const KEPT_BYTES: usize = 1 << 20;

/// The main GeoJSON of a load, read as its bytes arrive.
#[derive(Debug)]
pub struct FeatureStream {
    name: String,
    /// The bytes from `base` on.
    buf: Vec<u8>,
    base: usize,
    /// The text up to the features (`[` included), kept when the bytes there are dropped.
    head: Option<String>,
    /// The scan for whole features; None when the file is read whole at its end.
    scan: Option<Scan>,
    /// How many of the features found are read.
    read: usize,
    /// All bytes are in.
    ended: bool,
    /// All is read.
    done: bool,
    builder: DatasetBuilder,
}

impl FeatureStream {
    /// A stream for the file `name`, its bytes to come ([`FeatureStream::push`]).
    pub fn new(name: impl Into<String>) -> Self {
        FeatureStream {
            name: name.into(),
            buf: Vec::new(),
            base: 0,
            head: None,
            scan: Some(Scan::default()),
            read: 0,
            ended: false,
            done: false,
            builder: DatasetBuilder::new(),
        }
    }

    /// A file given whole: a small one is read in one step, a large one in steps of whole
    /// features.
    pub fn whole(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let mut s = FeatureStream::new(name);
        s.push(bytes);
        s.end();
        s
    }

    /// More of the file's bytes (taken as they are when they are the first).
    pub fn push(&mut self, bytes: Vec<u8>) {
        if self.ended {
            // Nothing comes after the end.
        } else if self.buf.is_empty() && self.base == 0 {
            self.buf = bytes;
        } else {
            self.buf.extend_from_slice(&bytes);
        }
    }

    /// All the file's bytes are in.
    pub fn end(&mut self) {
        self.ended = true;
        // A small file is read whole, in one step.
        if self.read == 0 && self.base == 0 && self.buf.len() <= STEPPED_BYTES {
            self.scan = None;
        }
    }

    /// Whether the file is read to its end.
    pub fn is_read(&self) -> bool {
        self.done
    }

    /// Whether a step would read something now: the file's end has come, or a step's worth
    /// of bytes not yet scanned.
    pub fn can_step(&self) -> bool {
        // A file to read whole waits for its end.
        !self.done && (self.ended || (self.scan.is_some() && self.unscanned() >= STEP_BYTES))
    }

    fn unscanned(&self) -> usize {
        let at = self.scan.as_ref().map_or(self.base, Scan::at);
        (self.base + self.buf.len()).saturating_sub(at)
    }

    /// About how many steps are left once all bytes are in (at least one while not read).
    pub fn steps_left(&self) -> usize {
        if self.done {
            0
        } else if self.scan.is_none() {
            1
        } else {
            self.unscanned().div_ceil(STEP_BYTES).max(1)
        }
    }

    /// Reads the next step: about [`STEP_BYTES`] of whole features that have arrived, or the
    /// whole file at its end. Does nothing when [`FeatureStream::can_step`] says no. Fails,
    /// naming the file, when it is not GeoJSON at all, or has no usable feature.
    pub fn step(&mut self) -> Result<(), Problem> {
        if !self.can_step() {
            return Ok(());
        }
        let Some(scan) = self.scan.as_mut() else {
            // Read whole, at the end.
            let text = text_of(std::mem::take(&mut self.buf));
            self.builder.map(&self.name, &text)?;
            self.done = true;
            return Ok(());
        };
        let until = scan.at() + STEP_BYTES;
        let Some(last) = scan.advance_in(&self.buf, self.base, until, self.ended) else {
            return self.not_followed("the features array is broken (a comma or a bracket)", None);
        };
        let to = scan.spans.items.len();
        let base = self.base;
        let items = &scan.spans.items[self.read..to];
        if let (Some(&(lo, _)), Some(&(_, hi))) = (items.first(), items.last()) {
            let text = match std::str::from_utf8(&self.buf[lo - base..hi - base]) {
                Ok(t) => t,
                Err(e) => {
                    let at = lo + e.valid_up_to();
                    return self.not_followed("the text is not UTF-8", Some(at));
                }
            };
            let texts = items.iter().map(|&(a, b)| &text[a - lo..b - lo]);
            self.builder.map_features(&self.name, texts, self.read);
            self.read = to;
            if hi - base >= KEPT_BYTES && !last {
                self.drop_until(hi);
            }
        }
        if last {
            self.finish()?;
        }
        Ok(())
    }

    /// Drops the bytes before `at` (those of features read), keeping the head.
    fn drop_until(&mut self, at: usize) {
        if self.head.is_none() {
            let head = self.scan.as_ref().map_or(0, |s| s.spans.head);
            self.head = Some(String::from_utf8_lossy(&self.buf[..head - self.base]).into_owned());
        }
        self.buf.drain(..at - self.base);
        self.base = at;
    }

    /// The end of the features: the members around them, and whether any feature is usable.
    fn finish(&mut self) -> Result<(), Problem> {
        let Some(scan) = self.scan.as_ref() else {
            return Ok(());
        };
        let head = match &self.head {
            Some(h) => h.clone(),
            None => String::from_utf8_lossy(&self.buf[..scan.spans.head]).into_owned(),
        };
        let tail = String::from_utf8_lossy(&self.buf[scan.spans.tail - self.base..]);
        let attribution = match crate::model::collection_outer(&self.name, &format!("{head}{tail}"))
        {
            Ok(a) => a,
            // Read whole, from the start, if it is still here: the parser says what is wrong.
            Err(_) if self.base == 0 => return self.not_followed("", None),
            Err(e) => return Err(e),
        };
        self.builder.attribution(attribution);
        if let Err(first) = self.builder.has_map() {
            return Err(no_usable_feature(
                &self.name,
                scan.spans.items.is_empty(),
                first,
            ));
        }
        self.done = true;
        self.buf = Vec::new();
        Ok(())
    }

    /// The scan cannot follow the file: it is read whole at its end, from the start, if the
    /// start is still here; else what is wrong is said, with where (`at`, or where the scan
    /// stopped).
    fn not_followed(&mut self, what: &str, at: Option<usize>) -> Result<(), Problem> {
        if self.base > 0 {
            let items = self.scan.as_ref().map_or(&[][..], |s| &s.spans.items[..]);
            let (at, item) = match at {
                // The feature that holds the byte.
                Some(at) => (
                    at,
                    items.iter().position(|&(_, b)| b > at).unwrap_or(self.read),
                ),
                None => (self.scan.as_ref().map_or(self.base, Scan::at), items.len()),
            };
            return Err(Problem {
                file: self.name.clone(),
                feature: Some(format!("#{item}")),
                reason: format!("not valid GeoJSON: {what} near byte {at}"),
            });
        }
        self.scan = None;
        self.read = 0;
        self.builder = DatasetBuilder::new();
        Ok(())
    }

    /// How many features (or items that are not) are read so far.
    pub fn features_read(&self) -> usize {
        self.read
    }

    /// How many of the file's bytes the stream holds now.
    pub fn held(&self) -> usize {
        self.buf.len() + self.head.as_ref().map_or(0, String::len)
    }

    /// The features read, in a builder for the rest of the data set.
    pub fn into_builder(self) -> DatasetBuilder {
        self.builder
    }
}
