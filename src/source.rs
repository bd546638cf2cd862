//! The bytes of one file: which encodings we can edit safely, the BOM, and the
//! line index that turns byte offsets into the line and character columns users see.
//!
//! cookie-fix never decodes or re-encodes a file. Its edits are ASCII, so any
//! ASCII-compatible encoding (UTF-8, or a single-byte code page declared by a
//! PEP 263 line) keeps every byte outside the edits exactly as it was.

use std::fmt;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How characters map to bytes, which decides how columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// An ASCII-compatible single-byte code page (latin-1, cp1252, ...): one byte, one character.
    SingleByte,
}

/// Why a file's bytes cannot be edited safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// UTF-16 or UTF-32, recognised by its byte order mark.
    WideEncoding(&'static str),
    /// A NUL byte: a binary file, or UTF-16/32 without a byte order mark.
    Nul { line: usize },
    /// Bytes that are not UTF-8 in a file that declares no other encoding.
    InvalidUtf8 { line: usize },
    /// A PEP 263 declaration of an encoding that is not ASCII-compatible, or not known.
    UnsupportedEncoding(String),
    /// A UTF-8 byte order mark together with a declaration of another encoding.
    BomConflict(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::WideEncoding(name) => write!(
                f,
                "file is {name}; cookie-fix edits UTF-8 and ASCII-compatible encodings only"
            ),
            DecodeError::Nul { line } => {
                write!(f, "file contains a NUL byte (line {line}); not a text file")
            }
            DecodeError::InvalidUtf8 { line } => write!(
                f,
                "invalid UTF-8 on line {line} and no PEP 263 coding declaration"
            ),
            DecodeError::UnsupportedEncoding(name) => write!(
                f,
                "declared encoding `{name}` is not one cookie-fix can edit without re-encoding"
            ),
            DecodeError::BomConflict(name) => write!(
                f,
                "UTF-8 byte order mark contradicts the declared encoding `{name}`"
            ),
        }
    }
}

/// A file's bytes checked for editability, split into the optional BOM and the body.
#[derive(Debug)]
pub struct Source<'a> {
    bytes: &'a [u8],
    bom_len: usize,
    encoding: Encoding,
}

impl<'a> Source<'a> {
    /// Checks that `bytes` can be parsed and edited without re-encoding.
    pub fn new(bytes: &'a [u8]) -> Result<Self, DecodeError> {
        reject_binary(bytes)?;
        let bom_len = if bytes.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let body = &bytes[bom_len..];
        let encoding = match declared_encoding(body) {
            None => Encoding::Utf8,
            Some(name) => {
                let encoding = classify_encoding(&name)
                    .ok_or_else(|| DecodeError::UnsupportedEncoding(name.clone()))?;
                if bom_len > 0 && encoding != Encoding::Utf8 {
                    return Err(DecodeError::BomConflict(name));
                }
                encoding
            }
        };
        if encoding == Encoding::Utf8 {
            if let Err(error) = std::str::from_utf8(body) {
                return Err(DecodeError::InvalidUtf8 {
                    line: line_number_at(body, error.valid_up_to()),
                });
            }
        }
        Ok(Source {
            bytes,
            bom_len,
            encoding,
        })
    }

    /// The bytes after the BOM: what the parser sees and the edits address.
    pub fn body(&self) -> &'a [u8] {
        &self.bytes[self.bom_len..]
    }

    /// The BOM, or an empty slice.
    pub fn bom(&self) -> &'a [u8] {
        &self.bytes[..self.bom_len]
    }

    pub fn bom_len(&self) -> usize {
        self.bom_len
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }
}

/// Refuses UTF-16/32 and files with NUL bytes: the checks worth making on every
/// file, even one with no cookie call, because they mean it is not Python source we can read.
pub fn reject_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some(name) = wide_encoding_bom(bytes) {
        return Err(DecodeError::WideEncoding(name));
    }
    match memchr::memchr(0, bytes) {
        Some(at) => Err(DecodeError::Nul {
            line: line_number_at(bytes, at),
        }),
        None => Ok(()),
    }
}

fn wide_encoding_bom(bytes: &[u8]) -> Option<&'static str> {
    // UTF-32 LE starts with the UTF-16 LE mark, so it is tested first.
    const MARKS: [(&[u8], &str); 4] = [
        (b"\xFF\xFE\x00\x00", "UTF-32 (little-endian)"),
        (b"\x00\x00\xFE\xFF", "UTF-32 (big-endian)"),
        (b"\xFF\xFE", "UTF-16 (little-endian)"),
        (b"\xFE\xFF", "UTF-16 (big-endian)"),
    ];
    MARKS
        .iter()
        .find(|(mark, _)| bytes.starts_with(mark))
        .map(|&(_, name)| name)
}

/// 1-based number of the line holding byte `offset`.
fn line_number_at(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1
}

/// The encoding named by a PEP 263 declaration on line 1, or on line 2 when
/// line 1 is blank or only a comment (the rule of Python's own tokenizer).
fn declared_encoding(body: &[u8]) -> Option<String> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = coding_cookie(first) {
        return Some(name);
    }
    if !is_blank_or_comment(first) {
        return None;
    }
    lines.next().and_then(coding_cookie)
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let rest = trim_blank(line);
    rest.is_empty() || rest[0] == b'#' || rest[0] == b'\r'
}

/// Space, tab or form feed: the white space of indentation within a line.
pub fn is_blank(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\x0c')
}

/// `bytes` without the blanks it starts with.
pub fn trim_blank(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !is_blank(b))
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` without a regex engine.
fn coding_cookie(line: &[u8]) -> Option<String> {
    let rest = trim_blank(line);
    if rest.first() != Some(&b'#') {
        return None;
    }
    let mut search = rest;
    while let Some(at) = memchr::memmem::find(search, b"coding") {
        let after = &search[at + b"coding".len()..];
        if let Some((&b':' | &b'=', value)) = after.split_first() {
            let value = trim_blank(value);
            let len = value
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')))
                .unwrap_or(value.len());
            if len > 0 {
                return Some(String::from_utf8_lossy(&value[..len]).into_owned());
            }
        }
        search = after;
    }
    None
}

/// Which of the encodings we can edit a declared name stands for.
fn classify_encoding(name: &str) -> Option<Encoding> {
    let name = name.to_ascii_lowercase().replace('_', "-");
    let utf8 = name == "utf-8"
        || name == "utf8"
        || name.starts_with("utf-8-")
        || name == "ascii"
        || name == "us-ascii";
    if utf8 {
        return Some(Encoding::Utf8);
    }
    let single_byte = ["latin-1", "latin1", "iso-latin-1", "l1"].contains(&name.as_str())
        || ["iso-8859-", "iso8859-", "cp125", "windows-125"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        || [
            "cp437",
            "cp850",
            "mac-roman",
            "macroman",
            "koi8-r",
            "koi8-u",
        ]
        .contains(&name.as_str());
    single_byte.then_some(Encoding::SingleByte)
}

/// Line starts of a body, for turning byte offsets into what users read.
#[derive(Debug)]
pub struct LineIndex<'a> {
    body: &'a [u8],
    starts: Vec<usize>,
    encoding: Encoding,
}

/// A 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(body: &'a [u8], encoding: Encoding) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', body).map(|at| at + 1))
            .collect();
        LineIndex {
            body,
            starts,
            encoding,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// The line's bytes without its line ending.
    pub fn line_text(&self, line: usize) -> &'a [u8] {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.body.len(), |&next| next - 1);
        let text = &self.body[start..end];
        text.strip_suffix(b"\r").unwrap_or(text)
    }

    /// Offset just past the line's ending (the start of the next line).
    pub fn line_end_with_newline(&self, line: usize) -> usize {
        self.starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.body.len())
    }

    /// The line ending of `line`: `\r\n`, `\n`, or empty on a last line without one.
    pub fn line_ending(&self, line: usize) -> &'a str {
        let end = self.line_end_with_newline(line);
        let text = &self.body[self.starts[line]..end];
        if text.ends_with(b"\r\n") {
            "\r\n"
        } else if text.ends_with(b"\n") {
            "\n"
        } else {
            ""
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_of(offset);
        let prefix = &self.body[self.starts[line]..offset];
        let chars = match self.encoding {
            Encoding::Utf8 => prefix.iter().filter(|&&b| (b & 0xC0) != 0x80).count(),
            Encoding::SingleByte => prefix.len(),
        };
        Position {
            line: line + 1,
            column: chars + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_and_strips_bom() {
        let source = Source::new(b"\xEF\xBB\xBFx = 1\n").unwrap();
        assert_eq!(source.bom(), UTF8_BOM);
        assert_eq!(source.body(), b"x = 1\n");
        assert_eq!(source.encoding(), Encoding::Utf8);
    }

    #[test]
    fn refuses_wide_encodings_and_nul() {
        assert_eq!(
            Source::new(b"\xFF\xFEx\x00").unwrap_err(),
            DecodeError::WideEncoding("UTF-16 (little-endian)")
        );
        assert_eq!(
            Source::new(b"\xFF\xFE\x00\x00x\x00\x00\x00").unwrap_err(),
            DecodeError::WideEncoding("UTF-32 (little-endian)")
        );
        assert_eq!(
            Source::new(b"a = 1\nb\x00 = 2\n").unwrap_err(),
            DecodeError::Nul { line: 2 }
        );
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        assert_eq!(
            Source::new(b"a = 1\n\nb = '\xE9'\n").unwrap_err(),
            DecodeError::InvalidUtf8 { line: 3 }
        );
    }

    #[test]
    fn pep263_declarations() {
        let latin = Source::new(b"# -*- coding: latin-1 -*-\nb = '\xE9'\n").unwrap();
        assert_eq!(latin.encoding(), Encoding::SingleByte);
        let second_line =
            Source::new(b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nb = '\x80'\n")
                .unwrap();
        assert_eq!(second_line.encoding(), Encoding::SingleByte);
        // Line 2 counts only when line 1 is blank or a comment.
        assert_eq!(
            Source::new(b"x = 1\n# coding: latin-1\nb = '\xE9'\n").unwrap_err(),
            DecodeError::InvalidUtf8 { line: 3 }
        );
        assert_eq!(
            Source::new(b"# coding: shift_jis\n").unwrap_err(),
            DecodeError::UnsupportedEncoding("shift_jis".into())
        );
        assert_eq!(
            Source::new(b"\xEF\xBB\xBF# coding: latin-1\n").unwrap_err(),
            DecodeError::BomConflict("latin-1".into())
        );
    }

    #[test]
    fn positions_count_characters() {
        let body = "a = 1\r\nr\u{e9}ponse.set_cookie('k')\n".as_bytes();
        let index = LineIndex::new(body, Encoding::Utf8);
        let offset = body.windows(4).position(|w| w == b".set").unwrap();
        assert_eq!(index.position(offset), Position { line: 2, column: 8 });
        assert_eq!(index.line_ending(0), "\r\n");
        assert_eq!(index.line_text(0), b"a = 1");
        let latin = LineIndex::new(b"r\xE9ponse.x", Encoding::SingleByte);
        assert_eq!(latin.position(7), Position { line: 1, column: 8 });
    }
}
