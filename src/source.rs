//! The bytes of one file: which encodings we can edit safely, the BOM, and the
//! line index that turns byte offsets into the line and character columns users see.
//!
//! cookie-fix never decodes or re-encodes a file. Its edits are ASCII, so any
//! ASCII-compatible encoding (UTF-8, or a single-byte code page declared by a
//! PEP 263 line) keeps every byte outside the edits exactly as it was. The parser is
//! shown a *view* of the body instead, of the same length, in which it reads the tokens
//! Python reads (see [`Source::view_of`]).

#[rustfmt::skip]
mod code_pages;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;

use code_pages::{CodePage, CODE_PAGES};

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
    /// A byte that the declared code page leaves undefined, which Python refuses.
    Undefined {
        encoding: String,
        byte: u8,
        line: usize,
    },
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
            DecodeError::Undefined {
                encoding,
                byte,
                line,
            } => write!(
                f,
                "byte 0x{byte:02X} on line {line} is not a character of the declared encoding `{encoding}`"
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
    code_page: Option<&'static CodePage>,
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
        let code_page = match declared_encoding(body) {
            None => None,
            Some(name) => match classify_encoding(&name) {
                None => return Err(DecodeError::UnsupportedEncoding(name)),
                Some(Declared::Utf8) => None,
                Some(Declared::CodePage(_)) if bom_len > 0 => {
                    return Err(DecodeError::BomConflict(name))
                }
                Some(Declared::CodePage(page)) => {
                    if let Some(at) = body.iter().position(|&b| b >= 0x80 && page.kind(b) == b'x') {
                        return Err(DecodeError::Undefined {
                            encoding: name,
                            byte: body[at],
                            line: line_number_at(body, at),
                        });
                    }
                    Some(page)
                }
            },
        };
        if code_page.is_none() {
            if let Err(error) = std::str::from_utf8(body) {
                return Err(DecodeError::InvalidUtf8 {
                    line: line_number_at(body, error.valid_up_to()),
                });
            }
        }
        Ok(Source {
            bytes,
            bom_len,
            encoding: match code_page {
                None => Encoding::Utf8,
                Some(_) => Encoding::SingleByte,
            },
            code_page,
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

    /// `body` (this file's body, or a fixed version of it) as the parser must read it to
    /// see the tokens Python sees, at the same offsets:
    /// - a carriage return not followed by a line feed ends a line for Python, but is a
    ///   blank to tree-sitter: it becomes a line feed;
    /// - tree-sitter reads UTF-8, so in a file in a single-byte code page each byte beyond
    ///   ASCII becomes an ASCII stand-in of its kind: `a` for a letter that may start a
    ///   name (`größe`), `0` for one that may only continue a name, `?` for any other
    ///   character, which Python rejects in code and which is text in strings and comments.
    pub fn view_of<'b>(&self, body: &'b [u8]) -> Cow<'b, [u8]> {
        let lone_cr = memchr::memchr_iter(b'\r', body).any(|at| body.get(at + 1) != Some(&b'\n'));
        let high = self.code_page.filter(|_| !body.is_ascii());
        if !lone_cr && high.is_none() {
            return Cow::Borrowed(body);
        }
        let mut view = body.to_vec();
        if lone_cr {
            for at in memchr::memchr_iter(b'\r', body) {
                if body.get(at + 1) != Some(&b'\n') {
                    view[at] = b'\n';
                }
            }
        }
        if let Some(page) = high {
            for byte in view.iter_mut().filter(|b| **b >= 0x80) {
                *byte = page.kind(*byte);
            }
        }
        Cow::Owned(view)
    }
}

impl CodePage {
    /// What Python makes of a byte from 0x80 on: `a`, `0`, `?` or `x` (see code_pages.rs).
    fn kind(&self, byte: u8) -> u8 {
        self.high_bytes[usize::from(byte - 0x80)]
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
    line_starts(&bytes[..offset]).count()
}

/// The offsets where lines start, as Python splits them: after `\n`, after `\r\n`, and
/// after a `\r` that no `\n` follows.
fn line_starts(body: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let breaks = memchr::memchr2_iter(b'\n', b'\r', body)
        .filter(|&at| body[at] == b'\n' || body.get(at + 1) != Some(&b'\n'))
        .map(|at| at + 1);
    std::iter::once(0).chain(breaks)
}

/// The lines of `body`, each without its line ending.
fn split_lines(body: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    let mut starts = line_starts(body).peekable();
    std::iter::from_fn(move || {
        let start = starts.next()?;
        let line = match starts.peek() {
            Some(&next) => &body[start..next],
            None => &body[start..],
        };
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    })
}

/// The encoding named by a PEP 263 declaration on line 1, or on line 2 when
/// line 1 is blank or only a comment (the rule of Python's own tokenizer).
fn declared_encoding(body: &[u8]) -> Option<String> {
    let mut lines = split_lines(body);
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
    rest.is_empty() || rest[0] == b'#'
}

/// Space, tab or form feed: the white space of indentation within a line.
pub fn is_blank(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\x0c')
}

/// The start of the line that holds `at`, from the bytes alone (no line index).
pub fn line_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
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

/// An encoding a coding line may declare that cookie-fix can edit.
enum Declared {
    Utf8,
    CodePage(&'static CodePage),
}

/// Which of the encodings we can edit a declared name stands for. Python's tokenizer
/// takes `utf-8-…`, `latin-1-…`, `iso-8859-1-…` and `iso-latin-1-…` as the bare names.
fn classify_encoding(name: &str) -> Option<Declared> {
    let name = name.to_ascii_lowercase().replace('_', "-");
    let utf8 = name == "utf-8"
        || name == "utf8"
        || name.starts_with("utf-8-")
        || name == "ascii"
        || name == "us-ascii";
    if utf8 {
        return Some(Declared::Utf8);
    }
    let latin_1 = ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
        .iter()
        .any(|prefix| name.starts_with(prefix));
    let name = if latin_1 { "latin-1" } else { name.as_str() };
    CODE_PAGES
        .iter()
        .find(|page| page.aliases.contains(&name))
        .map(Declared::CodePage)
}

/// Line starts of a body, for turning byte offsets into what users read.
#[derive(Debug)]
pub struct LineIndex<'a> {
    body: &'a [u8],
    starts: Vec<usize>,
    encoding: Encoding,
    /// UTF-8 continuation bytes before each multiple of [`BLOCK`], counted on the first
    /// column asked for far into a line.
    continuations: OnceCell<Vec<usize>>,
}

/// A column is counted in characters from the start of its line, or, far into a long
/// line, from the nearest multiple of this many bytes: a generated module of one line
/// may hold a finding every few bytes.
const BLOCK: usize = 4096;

/// A 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    /// Lines end as Python ends them: at `\n`, `\r\n`, or a `\r` alone.
    pub fn new(body: &'a [u8], encoding: Encoding) -> Self {
        let starts = line_starts(body).collect();
        LineIndex {
            body,
            starts,
            encoding,
            continuations: OnceCell::new(),
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
        let text = &self.body[start..self.line_end_with_newline(line)];
        &text[..text.len() - self.line_ending(line).len()]
    }

    /// Offset just past the line's ending (the start of the next line).
    pub fn line_end_with_newline(&self, line: usize) -> usize {
        self.starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.body.len())
    }

    /// The line ending of `line`: `\r\n`, `\n`, `\r`, or empty on a last line without one.
    pub fn line_ending(&self, line: usize) -> &'a str {
        let end = self.line_end_with_newline(line);
        let text = &self.body[self.starts[line]..end];
        if text.ends_with(b"\r\n") {
            "\r\n"
        } else if text.ends_with(b"\n") {
            "\n"
        } else if text.ends_with(b"\r") {
            "\r"
        } else {
            ""
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let chars = match self.encoding {
            Encoding::Utf8 if offset - start <= 2 * BLOCK => {
                let prefix = &self.body[start..offset];
                prefix.len() - continuation_bytes(prefix)
            }
            Encoding::Utf8 => {
                offset
                    - start
                    - (self.continuations_before(offset) - self.continuations_before(start))
            }
            Encoding::SingleByte => offset - start,
        };
        Position {
            line: line + 1,
            column: chars + 1,
        }
    }

    /// The UTF-8 continuation bytes of the body before `offset`.
    fn continuations_before(&self, offset: usize) -> usize {
        let blocks = self.continuations.get_or_init(|| {
            let mut before = vec![0];
            for block in self.body.chunks_exact(BLOCK) {
                before.push(before[before.len() - 1] + continuation_bytes(block));
            }
            before
        });
        let block = offset / BLOCK;
        blocks[block] + continuation_bytes(&self.body[block * BLOCK..offset])
    }
}

/// The bytes of `text` that continue a UTF-8 character rather than start one.
fn continuation_bytes(text: &[u8]) -> usize {
    text.iter().filter(|&&b| (b & 0xC0) == 0x80).count()
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
    fn lines_end_as_python_ends_them() {
        let body = b"a\rb\r\nc\nd\r";
        let index = LineIndex::new(body, Encoding::Utf8);
        let lines: Vec<_> = (0..5)
            .map(|l| (index.line_text(l), index.line_ending(l)))
            .collect();
        assert_eq!(
            lines,
            [
                (b"a".as_slice(), "\r"),
                (b"b", "\r\n"),
                (b"c", "\n"),
                (b"d", "\r"),
                (b"", "")
            ]
        );
        assert_eq!(index.position(2), Position { line: 2, column: 1 });
        // A coding line on line 2 of a file whose lines end in CR alone.
        let source = Source::new(b"#!python\r# coding: latin-1\rx = '\xE9'\r").unwrap();
        assert_eq!(source.encoding(), Encoding::SingleByte);
    }

    #[test]
    fn the_view_shows_the_parser_what_python_reads() {
        let latin = Source::new(b"# coding: latin-1\rgr\xF6\xDFe = '\xD7'\r\n").unwrap();
        assert_eq!(
            &*latin.view_of(latin.body()),
            b"# coding: latin-1\ngraae = '?'\r\n".as_slice()
        );
        let utf8 = Source::new("gr\u{f6}\u{df}e = 1\r\n".as_bytes()).unwrap();
        assert!(matches!(utf8.view_of(utf8.body()), Cow::Borrowed(_)));
        assert_eq!(
            Source::new(b"# coding: cp1252\nx = 1\ny = '\x81'\n").unwrap_err(),
            DecodeError::Undefined {
                encoding: "cp1252".into(),
                byte: 0x81,
                line: 3
            }
        );
        for name in [
            "ISO_8859_15",
            "windows-1252",
            "latin-1-unix",
            "Latin1",
            "koi8_r",
        ] {
            assert!(classify_encoding(name).is_some(), "{name}");
        }
        for name in ["iso-8859-12", "iso-8859-99", "cp1259"] {
            assert!(classify_encoding(name).is_none(), "{name}");
        }
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

    /// Far into a long line, columns are counted from block boundaries, which may fall
    /// inside a character.
    #[test]
    fn positions_on_a_long_line_count_characters() {
        let line = "r.set_cookie('é', v); x = '日本'; ".repeat(300);
        let body = format!("a = 'é'\n{line}\nb = 1\n");
        let index = LineIndex::new(body.as_bytes(), Encoding::Utf8);
        let mut expected = Position { line: 1, column: 1 };
        for (offset, character) in body.char_indices() {
            assert_eq!(index.position(offset), expected, "at {offset}");
            expected = match character {
                '\n' => Position {
                    line: expected.line + 1,
                    column: 1,
                },
                _ => Position {
                    column: expected.column + 1,
                    ..expected
                },
            };
        }
        assert_eq!(index.position(body.len()), expected);
    }
}
