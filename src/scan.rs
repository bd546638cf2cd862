//! A lexical pass over a body, before any parse: which comments stand alone on their
//! line, and which stretches of the file the rules have to read.
//!
//! The rules read their sinks, the file's imports, and definitions named like a sink.
//! Each of those lies in a logical line that holds one of the rules' needles or the
//! `import` keyword; this pass finds those lines (the *windows*) so that the parser can
//! read them alone, which is what keeps a file with one cookie call in ten thousand lines
//! cheap. A window holding a compound statement's header (`def set_cookie(...):`) takes
//! in the statement's block, so that it parses on its own. A needle counts anywhere in
//! its line's bytes, strings included, unless its rule says it counts in less
//! ([`Counts`]): a setter's name in a docstring, or a header's name in a triple-quoted
//! string, is no reason to read its line.
//!
//! The pass knows strings (every prefix, triple quotes, f-string replacement fields
//! nested to any depth), comments, brackets and backslash continuations. It never
//! recurses, so no input can exhaust the stack. Where a body holds something it does
//! not model, or that tree-sitter reads otherwise (an unterminated string, unbalanced
//! brackets, a stray backslash, a lone carriage return, a form feed, a backtick, a
//! Unicode blank in a name, or an unfinished line, which tree-sitter reads on past:
//! one ending in an operator, a header without its `:`, `from m` without `import`),
//! it returns no windows: only a parse of the whole body is then trusted. Python 3
//! rejects nearly all of those, so real code rarely pays for it.
//!
//! A window starting at an indented `def` does not show whether a class holds it (a
//! method) or a function (a nested function): the pass follows the headers whose blocks
//! each line is in, and lists the definitions whose nearest class or function is a class.

use std::ops::Range;

/// What the lexical pass found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Comments alone on their line, from `#` to the end of the line without `\r`.
    pub own_line_comments: Vec<Range<usize>>,
    /// The other comments, after code on their line, likewise.
    pub trailing_comments: Vec<Range<usize>>,
    /// Sorted, disjoint byte ranges, each from the first token of a logical line to
    /// the end of its last line; `None` when only a parse of the whole body is trusted.
    pub windows: Option<Vec<Range<usize>>>,
    /// The start of every definition (`def`, `async def`) in a window whose nearest
    /// enclosing class or function is a class: the methods, sorted.
    pub methods: Vec<usize>,
    /// Every class and function with a block, from its header's first token to the
    /// first token after its block (or the end of the body), sorted by start.
    pub definitions: Vec<Range<usize>>,
    /// For each of `definitions`, the index of the innermost other one around it.
    enclosing: Vec<Option<usize>>,
}

impl Scan {
    /// The start of the innermost class or function whose block holds `offset`; none at
    /// the module's level (or in a one-line definition's body).
    ///
    /// Definitions nest, and a rule may ask this of every sink of a file: the innermost
    /// around `offset` is the last to start before it or one of those around that one,
    /// so the question costs a search and the depth of the nesting, not the number of
    /// definitions.
    pub fn enclosing_definition(&self, offset: usize) -> Option<usize> {
        let before = self.definitions.partition_point(|d| d.start < offset);
        let mut candidate = before.checked_sub(1);
        while let Some(at) = candidate {
            if offset < self.definitions[at].end {
                return Some(self.definitions[at].start);
            }
            candidate = self.enclosing[at];
        }
        None
    }
}

/// For each of `definitions` (sorted by start, nested or apart), the index of the
/// innermost other one around it.
fn enclosing(definitions: &[Range<usize>]) -> Vec<Option<usize>> {
    let mut enclosing = Vec::with_capacity(definitions.len());
    let mut open: Vec<usize> = Vec::new();
    for (at, definition) in definitions.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&outer| definitions[outer].end <= definition.start)
        {
            open.pop();
        }
        enclosing.push(open.last().copied());
        open.push(at);
    }
    enclosing
}

/// The kinds of compound statement whose blocks decide what a definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    Class,
    Function,
    Other,
}

/// Where an occurrence of a needle counts: what its rule may read there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counts {
    /// Only in code: a name that is called or built (a setter's, a class's), which the
    /// rule looks up as an identifier; in a comment or in a string's text (a docstring's
    /// `response.set_cookie(...)`) it names nothing. The text of an f-string or t-string
    /// is not told from its fields, so there it counts. [`crate::needles`] finds such a
    /// needle only as a name of its own (`CookieArg` holds none).
    AsAName,
    /// In code and in strings, but not in a comment or a triple-quoted string: a
    /// header's name, which no one writes in triple quotes, and docstrings often quote.
    OutsideLongStrings,
    /// Anywhere in its line: a setting's name, which a string may hold
    /// (`app.config["SESSION_COOKIE_SECURE"]`).
    Anywhere,
}

/// A needle found in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hit {
    /// Its offset.
    pub at: usize,
    pub counts: Counts,
}

impl Hit {
    /// A place the pass reads the line of, whatever stands there.
    pub fn anywhere(at: usize) -> Hit {
        Hit {
            at,
            counts: Counts::Anywhere,
        }
    }
}

/// What stands outside code in a line, where a needle may not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    Comment,
    String,
    TripleQuoted,
}

/// Scans `body` once; `hits` are the needles in it, sorted by offset.
pub fn scan(body: &[u8], hits: &[Hit]) -> Scan {
    Scanner::new(body, hits).run()
}

/// What is open around the current byte, innermost last. Code outside any string
/// has no frame.
#[derive(Debug, Clone, Copy)]
enum Frame {
    /// The literal text of an f-string or t-string.
    Text { quote: u8, triple: bool, raw: bool },
    /// The expression of a replacement field, with the brackets opened inside it.
    Field { depth: usize },
    /// The format spec of a replacement field, after its `:`.
    Spec,
}

/// The logical line being read, from its first token.
#[derive(Debug)]
struct Line {
    start: usize,
    indent: usize,
    interesting: bool,
    /// Holds the `import` keyword (so a last `*` is `from m import *`).
    imports: bool,
    /// Starts with a keyword whose statement needs a `:` (`if`, `def`, ...) or an
    /// `import` (`from`).
    needs: Option<&'static [u8]>,
    /// Holds a `:` outside brackets.
    colon: bool,
    /// Starts with `def` or `async def`.
    definition: bool,
    /// Starts with `class`.
    class: bool,
    /// Starts with `async`, and `def` may follow.
    opens_async: bool,
    /// Starts with `@`: a decorator, which parses only with its definition.
    decorator: bool,
    /// The last token outside strings and comments.
    last: Last,
}

/// The kinds of last token that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Ends a compound statement's header, whose block follows.
    Colon,
    /// A token that needs more after it (an operator, a `.`, a keyword like `and`).
    /// Python rejects a line ending in one, but tree-sitter reads on into the next line
    /// (`x = *` then `r.set_cookie(...)` makes one call): this pass cannot split the
    /// file as tree-sitter does.
    Open,
    Other,
}

struct Scanner<'a> {
    body: &'a [u8],
    at: usize,
    frames: Vec<Frame>,
    /// Brackets open in code outside strings.
    depth: usize,
    line: Option<Line>,
    /// The indentation of the compound statement whose block the last window takes in.
    block: Option<usize>,
    /// The indentation of a decorator in a window: the lines from it to the header of
    /// the definition it decorates join the window.
    decorated: Option<usize>,
    windows: Vec<Range<usize>>,
    comments: Vec<Range<usize>>,
    trailing: Vec<Range<usize>>,
    exact: bool,
    /// The needles not yet behind the current line.
    hits: &'a [Hit],
    /// The comments and strings (but f-strings and t-strings) of the current line, in
    /// order: where a needle may not count.
    texts: Vec<(Range<usize>, Text)>,
    /// The compound statements whose blocks the current line may be in, innermost last,
    /// with their indentation.
    headers: Vec<(usize, Header, usize)>,
    methods: Vec<usize>,
    definitions: Vec<Range<usize>>,
}

impl<'a> Scanner<'a> {
    fn new(body: &'a [u8], hits: &'a [Hit]) -> Self {
        Scanner {
            hits,
            texts: Vec::new(),
            headers: Vec::new(),
            methods: Vec::new(),
            definitions: Vec::new(),
            body,
            at: 0,
            frames: Vec::new(),
            depth: 0,
            line: None,
            block: None,
            decorated: None,
            windows: Vec::new(),
            comments: Vec::new(),
            trailing: Vec::new(),
            exact: true,
        }
    }

    fn run(mut self) -> Scan {
        while self.at < self.body.len() {
            match self.frames.last().copied() {
                None | Some(Frame::Field { .. }) => self.code(),
                Some(Frame::Text { quote, triple, raw }) => self.text(quote, triple, raw),
                Some(Frame::Spec) => self.spec(),
            }
        }
        if !self.frames.is_empty() || self.depth != 0 {
            self.exact = false;
        }
        self.end_line(self.body.len());
        while let Some(header) = self.headers.pop() {
            self.close(header, self.body.len());
        }
        self.definitions.sort_by_key(|definition| definition.start);
        Scan {
            own_line_comments: self.comments,
            trailing_comments: self.trailing,
            windows: self.exact.then_some(self.windows),
            methods: self.methods,
            enclosing: enclosing(&self.definitions),
            definitions: self.definitions,
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.body.get(self.at + ahead).copied()
    }

    /// One token or blank of code, outside strings or inside a replacement field.
    fn code(&mut self) {
        let byte = self.body[self.at];
        let field = match self.frames.last() {
            Some(Frame::Field { depth }) => Some(*depth),
            _ => None,
        };
        match byte {
            b'\n' => {
                if field.is_none() && self.depth == 0 {
                    self.end_line(self.at + 1);
                }
                self.at += 1;
            }
            b' ' | b'\t' => self.at += 1,
            b'\r' => {
                if self.peek(1) != Some(b'\n') {
                    self.exact = false;
                }
                self.at += 1;
            }
            b'#' => self.comment(),
            b'\\' => match (self.peek(1), self.peek(2)) {
                (Some(b'\n'), _) => self.at += 2,
                (Some(b'\r'), Some(b'\n')) => self.at += 3,
                _ => {
                    self.exact = false;
                    self.at += 1;
                }
            },
            b'}' if field == Some(0) => {
                self.frames.pop();
                self.at += 1;
            }
            b':' if field == Some(0) => {
                self.frames.pop();
                self.frames.push(Frame::Spec);
                self.at += 1;
            }
            b'(' | b'[' | b'{' => {
                self.set_depth(field, field.unwrap_or(self.depth) + 1);
                self.token(Last::Other);
                self.at += 1;
            }
            b')' | b']' | b'}' => {
                match field.unwrap_or(self.depth).checked_sub(1) {
                    Some(less) => self.set_depth(field, less),
                    None => self.exact = false,
                }
                self.token(Last::Other);
                self.at += 1;
            }
            b'\'' | b'"' => {
                self.token(Last::Other);
                self.string(b"");
            }
            b'0'..=b'9' => {
                self.token(Last::Other);
                self.at = self.number_end(self.at);
            }
            b'.' if self.body[self.at..].starts_with(b"...") => {
                self.token(Last::Other);
                self.at += 3;
            }
            0x0c => {
                self.exact = false;
                self.at += 1;
            }
            _ if is_word_byte(byte) => {
                let start = self.at;
                let end = self.word_end(start);
                if !is_plain_word(&self.body[start..end]) {
                    self.exact = false;
                }
                let word = &self.body[start..end];
                let string =
                    matches!(self.body.get(end), Some(b'\'' | b'"')) && is_string_prefix(word);
                if string && word.len() > 2 {
                    self.exact = false;
                }
                self.token(if !string && NEEDS_MORE.contains(&word) {
                    Last::Open
                } else {
                    Last::Other
                });
                if let Some(line) = self.line.as_mut() {
                    if line.start == start {
                        line.definition = word == b"def";
                        line.class = word == b"class";
                        line.opens_async = word == b"async";
                    } else if line.opens_async {
                        line.definition = word == b"def";
                        line.opens_async = false;
                    }
                }
                if let Some(line) = self.line.as_mut().filter(|line| line.start == start) {
                    line.needs = if word == b"from" {
                        Some(b"import")
                    } else if HEADERS.contains(&word) {
                        Some(b":")
                    } else {
                        None
                    };
                }
                self.at = end;
                if string {
                    self.string(word);
                } else if word == b"import" {
                    if let Some(line) = &mut self.line {
                        line.interesting = true;
                        line.imports = true;
                    }
                }
            }
            _ => {
                // A backtick (Python 2's repr) is a string delimiter to tree-sitter.
                if byte == b'`' {
                    self.exact = false;
                }
                let star_import = byte == b'*' && self.line.as_ref().is_some_and(|l| l.imports);
                if byte == b':' && self.depth == 0 && self.frames.is_empty() {
                    if let Some(line) = &mut self.line {
                        line.colon = true;
                    }
                }
                self.token(match byte {
                    b':' => Last::Colon,
                    b',' | b';' => Last::Other,
                    _ if star_import => Last::Other,
                    _ => Last::Open,
                });
                self.at += 1;
            }
        }
    }

    /// Sets the bracket depth of the innermost replacement field, or of plain code.
    fn set_depth(&mut self, field: Option<usize>, depth: usize) {
        match (field, self.frames.last_mut()) {
            (Some(_), Some(Frame::Field { depth: open })) => *open = depth,
            _ => self.depth = depth,
        }
    }

    /// Past `1_000`, `0x1F`, `1.5e3`, `1.` (a sign in an exponent is a token of its own,
    /// harmlessly). A `.` belongs to the number only after decimal digits, as in Python:
    /// the one in `0x1F.` or `1.5.` is a token of its own.
    fn number_end(&self, start: usize) -> usize {
        let end = self.word_end(start);
        let decimal = self.body[start..end]
            .iter()
            .all(|&b| b.is_ascii_digit() || b == b'_');
        if decimal && self.body.get(end) == Some(&b'.') {
            self.word_end(end + 1)
        } else {
            end
        }
    }

    fn word_end(&self, start: usize) -> usize {
        self.body[start..]
            .iter()
            .position(|&b| !is_word_byte(b))
            .map_or(self.body.len(), |length| start + length)
    }

    /// A token at `self.at`.
    fn token(&mut self, kind: Last) {
        if !self.frames.is_empty() {
            return;
        }
        match &mut self.line {
            Some(line) => line.last = kind,
            None => {
                let line_start =
                    memchr::memrchr(b'\n', &self.body[..self.at]).map_or(0, |at| at + 1);
                self.line = Some(Line {
                    start: self.at,
                    indent: indent_width(&self.body[line_start..self.at]),
                    interesting: false,
                    imports: false,
                    needs: None,
                    colon: false,
                    definition: false,
                    class: false,
                    opens_async: false,
                    decorator: self.body[self.at] == b'@',
                    last: kind,
                });
            }
        }
    }

    /// From `#` to the end of the line.
    fn comment(&mut self) {
        let start = self.at;
        let end =
            memchr::memchr(b'\n', &self.body[start..]).map_or(self.body.len(), |at| start + at);
        let line_start = memchr::memrchr(b'\n', &self.body[..start]).map_or(0, |at| at + 1);
        let text_end = if self.body[..end].ends_with(b"\r") {
            end - 1
        } else {
            end
        };
        self.texts.push((start..end, Text::Comment));
        if self.body[line_start..start]
            .iter()
            .all(|&b| matches!(b, b' ' | b'\t' | 0x0c))
        {
            self.comments.push(start..text_end);
        } else {
            self.trailing.push(start..text_end);
        }
        // Python ends a line at a lone `\r`; tree-sitter does not.
        let text = &self.body[start..end];
        if memchr::memchr(b'\r', text.strip_suffix(b"\r").unwrap_or(text)).is_some() {
            self.exact = false;
        }
        self.at = end;
    }

    /// A string whose opening quote is at `self.at`; an f-string or t-string opens a frame.
    fn string(&mut self, prefix: &[u8]) {
        let start = self.at;
        let quote = self.body[self.at];
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.at += if triple { 3 } else { 1 };
        let raw = prefix.iter().any(|b| b.eq_ignore_ascii_case(&b'r'));
        if prefix
            .iter()
            .any(|b| b.eq_ignore_ascii_case(&b'f') || b.eq_ignore_ascii_case(&b't'))
        {
            self.frames.push(Frame::Text { quote, triple, raw });
            return;
        }
        loop {
            let Some(found) = memchr::memchr3(quote, b'\\', b'\n', &self.body[self.at..]) else {
                self.exact = false;
                self.at = self.body.len();
                return;
            };
            self.at += found;
            match self.body[self.at] {
                b'\\' => {
                    // tree-sitter reads `\N{...}` to the brace, even past a quote or a line end.
                    let rest = &self.body[self.at..];
                    if rest.starts_with(b"\\N{") {
                        let name = memchr::memchr(b'}', rest).map_or(rest, |end| &rest[..end]);
                        if name.contains(&quote) || name.contains(&b'\n') {
                            self.exact = false;
                        }
                    }
                    self.at += escape_length(rest);
                }
                b'\n' if !triple => {
                    self.exact = false;
                    return;
                }
                b'\n' => self.at += 1,
                _ => {
                    if self.closes(quote, triple) {
                        let text = if triple {
                            Text::TripleQuoted
                        } else {
                            Text::String
                        };
                        self.texts.push((start..self.at, text));
                        return;
                    }
                    self.at += 1;
                }
            }
        }
    }

    /// Whether the quote at `self.at` closes the string; if so, steps past it.
    fn closes(&mut self, quote: u8, triple: bool) -> bool {
        if !triple {
            self.at += 1;
            return true;
        }
        if self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
            self.at += 3;
            return true;
        }
        false
    }

    /// One piece of the literal text of an f-string.
    fn text(&mut self, quote: u8, triple: bool, raw: bool) {
        match self.body[self.at] {
            b'\\' => match self.peek(1) {
                // `\{` leaves the brace to open a field.
                Some(b'{' | b'}') => self.at += 1,
                Some(b'N') if !raw && self.peek(2) == Some(b'{') => {
                    self.at = memchr::memchr(b'}', &self.body[self.at..])
                        .map_or(self.body.len(), |at| self.at + at + 1);
                }
                _ => self.at += escape_length(&self.body[self.at..]),
            },
            b'{' if self.peek(1) == Some(b'{') => self.at += 2,
            b'{' => {
                self.frames.push(Frame::Field { depth: 0 });
                self.at += 1;
            }
            b'\n' if !triple => {
                self.exact = false;
                self.frames.pop();
            }
            byte if byte == quote => {
                if self.closes(quote, triple) {
                    self.frames.pop();
                } else {
                    self.at += 1;
                }
            }
            _ => self.at += 1,
        }
    }

    /// Whether a needle of the current line counts where it stands.
    fn counts(&self, hit: &Hit) -> bool {
        let before = self.texts.partition_point(|(span, _)| span.start <= hit.at);
        let around = before
            .checked_sub(1)
            .map(|last| &self.texts[last])
            .filter(|(span, _)| span.contains(&hit.at))
            .map(|&(_, text)| text);
        match (hit.counts, around) {
            (Counts::Anywhere, _) | (_, None) => true,
            (Counts::OutsideLongStrings, Some(text)) => text == Text::String,
            (Counts::AsAName, Some(_)) => false,
        }
    }

    /// One byte of a format spec: nested fields open, `}` closes the field.
    fn spec(&mut self) {
        match self.body[self.at] {
            b'{' => self.frames.push(Frame::Field { depth: 0 }),
            b'}' => {
                self.frames.pop();
            }
            b'\n' | b'\'' | b'"' => {
                // A spec does not span lines or hold quotes: let the text frame decide.
                self.exact = false;
                self.frames.pop();
                return;
            }
            _ => {}
        }
        self.at += 1;
    }

    /// The logical line being read ends at `end`.
    fn end_line(&mut self, end: usize) {
        let Some(mut line) = self.line.take() else {
            self.texts.clear();
            return;
        };
        // Needles before the line lie in comments or blank lines: no rule reads them.
        let behind = self.hits.partition_point(|hit| hit.at < line.start);
        let within = self.hits[behind..].partition_point(|hit| hit.at < end);
        line.interesting |= self.hits[behind..behind + within]
            .iter()
            .any(|hit| self.counts(hit));
        self.hits = &self.hits[behind + within..];
        self.texts.clear();
        // A decorator alone does not parse (`@override_settings(...)`, then nothing): its
        // window runs on through the decorators after it to the definition's header, and
        // so takes in the definition's block.
        let in_block = self.block.is_some_and(|block| line.indent > block);
        let decorated = !in_block && self.decorated.take() == Some(line.indent);
        line.interesting |= decorated;
        if !in_block && line.interesting && line.decorator {
            self.decorated = Some(line.indent);
        }
        self.follow_headers(&line);
        // Python rejects an unfinished statement; tree-sitter reads on into the next line.
        let unfinished = match line.needs {
            Some(b"import") => !line.imports,
            Some(_) => !line.colon,
            None => false,
        };
        if line.last == Last::Open || unfinished {
            self.exact = false;
        }
        if let Some(block) = self.block {
            if line.indent > block {
                if let Some(window) = self.windows.last_mut() {
                    window.end = end;
                }
                return;
            }
            self.block = None;
        }
        if !line.interesting {
            return;
        }
        match self.windows.last_mut() {
            Some(window) if window.end == line.start || decorated => window.end = end,
            _ => self.windows.push(line.start..end),
        }
        if line.last == Last::Colon {
            self.block = Some(line.indent);
        }
    }
}

impl Scanner<'_> {
    /// Leaves the blocks that `line` is not in, notes it if it defines a method, and
    /// enters its block if it is a compound statement's header.
    fn follow_headers(&mut self, line: &Line) {
        while let Some(&header) = self
            .headers
            .last()
            .filter(|&&(indent, _, _)| indent >= line.indent)
        {
            self.headers.pop();
            self.close(header, line.start);
        }
        let in_class = self
            .headers
            .iter()
            .rev()
            .find(|(_, header, _)| *header != Header::Other)
            .is_some_and(|(_, header, _)| *header == Header::Class);
        if line.definition && line.interesting && in_class {
            self.methods.push(line.start);
        }
        if line.last == Last::Colon {
            let header = if line.class {
                Header::Class
            } else if line.definition {
                Header::Function
            } else {
                Header::Other
            };
            self.headers.push((line.indent, header, line.start));
        }
    }

    /// A header's block ends before `end`: a class or function becomes a definition.
    fn close(&mut self, (_, header, start): (usize, Header, usize), end: usize) {
        if header != Header::Other {
            self.definitions.push(start..end);
        }
    }
}

/// Keywords that cannot end a statement.
const NEEDS_MORE: &[&[u8]] = &[
    b"and",
    b"as",
    b"assert",
    b"async",
    b"await",
    b"class",
    b"def",
    b"del",
    b"elif",
    b"else",
    b"except",
    b"finally",
    b"for",
    b"from",
    b"global",
    b"if",
    b"import",
    b"in",
    b"is",
    b"lambda",
    b"nonlocal",
    b"not",
    b"or",
    b"try",
    b"while",
    b"with",
];

/// Keywords that start a compound statement's header, which needs a `:`.
const HEADERS: &[&[u8]] = &[
    b"async", b"class", b"def", b"elif", b"else", b"except", b"finally", b"for", b"if", b"try",
    b"while", b"with",
];

/// A byte of a name (or of a number) as the pass reads words: beyond ASCII, any byte,
/// since a name that is not all letters and digits makes it trust no windows.
pub fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// Letters among `r`, `b`, `u`, `f`, `t`, in either case: tree-sitter takes any number
/// of them as a string prefix (Python, at most two).
fn is_string_prefix(word: &[u8]) -> bool {
    word.iter()
        .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f' | b't'))
}

/// A name whose characters beyond ASCII are all letters or digits. tree-sitter reads
/// some others as blanks (U+200B, U+2060, U+FEFF, and Unicode spaces); Python rejects
/// them, and invalid UTF-8, in code.
fn is_plain_word(word: &[u8]) -> bool {
    word.is_ascii()
        || std::str::from_utf8(word)
            .is_ok_and(|text| text.chars().all(|c| c == '_' || c.is_alphanumeric()))
}

/// The bytes a backslash escapes, itself included: a line ending counts as one.
fn escape_length(from_backslash: &[u8]) -> usize {
    match from_backslash.get(1..3) {
        Some(b"\r\n") => 3,
        _ => 2.min(from_backslash.len()),
    }
}

/// The width of an indentation, a tab reaching the next multiple of 8 as in Python.
fn indent_width(indentation: &[u8]) -> usize {
    indentation.iter().fold(0, |width, &byte| match byte {
        b'\t' => (width / 8 + 1) * 8,
        _ => width + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan with the needles of the default rules.
    fn scan_for_rules(body: &[u8]) -> Scan {
        let hits = crate::needles::find(body, crate::rules::RuleSet::defaults());
        scan(body, &hits.found)
    }

    fn windows(body: &str) -> Option<Vec<&str>> {
        let scan = scan_for_rules(body.as_bytes());
        scan.windows
            .map(|windows| windows.into_iter().map(|w| &body[w]).collect())
    }

    fn comments(body: &str) -> Vec<&str> {
        scan_for_rules(body.as_bytes())
            .own_line_comments
            .into_iter()
            .map(|c| &body[c])
            .collect()
    }

    #[test]
    fn windows_are_the_logical_lines_that_hold_a_needle_or_import() {
        let body = "import flask\nx = 1\ndef f(r):\n    y = [\n        r.set_cookie('k'),\n    ]\n    return y\nfrom a import (b,\n  c)\n";
        assert_eq!(
            windows(body).unwrap(),
            [
                "import flask\n",
                "y = [\n        r.set_cookie('k'),\n    ]\n",
                "from a import (b,\n  c)\n"
            ]
        );
    }

    #[test]
    fn a_header_window_takes_in_its_block() {
        let body = "x = 0\ndef set_cookie(self, k,\n        secure=False):\n    pass\n\n    # c\n    return k\nx = 1\n";
        assert_eq!(
            windows(body).unwrap(),
            ["def set_cookie(self, k,\n        secure=False):\n    pass\n\n    # c\n    return k\n"]
        );
    }

    #[test]
    fn a_decorator_window_runs_on_to_its_definition() {
        let body = "class T:\n    @override_settings(SESSION_COOKIE_SECURE=False)\n    # why\n    @other\n    def test(self):\n        pass\n    def g(self):\n        pass\n@app.route('/set-cookie')\nclass V:\n    x = 1\ny = 2\n";
        assert_eq!(
            windows(body).unwrap(),
            [
                "@override_settings(SESSION_COOKIE_SECURE=False)\n    # why\n    @other\n    def test(self):\n        pass\n",
                "@app.route('/set-cookie')\nclass V:\n    x = 1\n",
            ]
        );
        let scan = scan_for_rules(body.as_bytes());
        assert_eq!(scan.methods, [body.find("def test").unwrap()]);
    }

    #[test]
    fn definitions_span_their_blocks() {
        let body = "class A:\n    def f(self):\n        x = 1\n\n    y = 2\ndef g(): pass\nasync def h():\n    z = 3";
        let scan = scan_for_rules(body.as_bytes());
        let spans: Vec<&str> = scan.definitions.iter().map(|d| &body[d.clone()]).collect();
        assert_eq!(
            spans,
            [
                "class A:\n    def f(self):\n        x = 1\n\n    y = 2\n",
                "def f(self):\n        x = 1\n\n    ",
                "async def h():\n    z = 3",
            ]
        );
        let at = |text: &str| body.find(text).unwrap();
        assert_eq!(scan.enclosing_definition(at("x = 1")), Some(at("def f")));
        assert_eq!(scan.enclosing_definition(at("y = 2")), Some(0));
        assert_eq!(scan.enclosing_definition(at("def f")), Some(0));
        assert_eq!(scan.enclosing_definition(at("pass")), None);
        assert_eq!(scan.enclosing_definition(at("z = 3")), Some(at("async")));
        assert_eq!(scan.enclosing_definition(0), None);
    }

    #[test]
    fn the_enclosing_definition_is_the_innermost_around() {
        let body = "class A:\n    def f(self):\n        def g():\n            a = 1\n        b = 2\n    c = 3\n    class B:\n        def h(self):\n            d = 4\n    e = 5\nx = 6\ndef k():\n    def m():\n        f = 7\n    g = 8\ny = 9\n";
        let scan = scan_for_rules(body.as_bytes());
        assert_eq!(scan.definitions.len(), 7);
        for offset in 0..=body.len() {
            let innermost = scan
                .definitions
                .iter()
                .filter(|d| d.start < offset && offset < d.end)
                .map(|d| d.start)
                .max();
            assert_eq!(scan.enclosing_definition(offset), innermost, "at {offset}");
        }
    }

    #[test]
    fn needles_count_where_their_rules_say() {
        // A setter's name counts only in code, and in the text of an f-string, which
        // the pass does not tell from its fields; a string of `import` is no import.
        let body = "s = 'set_cookie'\nt = '''\nimport x\n'''  # set_cookie\n# import\n# set_cookie\nx = 1\nu = f'{a!r:>{w}} {{set_cookie}}'\ny = 'import'\nv = (  # r.set_cookie('k')\n    b'r.set_cookie(k)', 1)\n";
        assert_eq!(
            windows(body).unwrap(),
            ["u = f'{a!r:>{w}} {{set_cookie}}'\n"]
        );
        // A header's name counts in code and strings, but not in triple quotes or
        // comments; a setting's name counts anywhere in its line.
        let body = "h = {'Set-Cookie': v}\n'''The 'Set-Cookie' header.'''\nx = 1  # 'Set-Cookie'\ny = 1  # SESSION_COOKIE_SECURE\nz = '''SESSION_COOKIE_SECURE'''\n";
        assert_eq!(
            windows(body).unwrap(),
            [
                "h = {'Set-Cookie': v}\n",
                "y = 1  # SESSION_COOKIE_SECURE\nz = '''SESSION_COOKIE_SECURE'''\n"
            ]
        );
    }

    #[test]
    fn names_in_replacement_fields_count() {
        let body = "a = 1\ns = f\"{r.set_cookie(f'{k}', \"v\")}\"\n";
        assert_eq!(
            windows(body).unwrap(),
            ["s = f\"{r.set_cookie(f'{k}', \"v\")}\"\n"]
        );
    }

    #[test]
    fn continuations_and_escapes() {
        let body = "x = 'a\\'b' + \\\n    r.set_cookie(rb'\\\\', '''\n''')\ny = 2\n";
        assert_eq!(
            windows(body).unwrap(),
            ["x = 'a\\'b' + \\\n    r.set_cookie(rb'\\\\', '''\n''')\n"]
        );
    }

    #[test]
    fn only_comments_alone_on_their_line_outside_strings() {
        let body = "x = 1  # trailing\n  # alone\r\ns = '''\n# text\n'''\n#last";
        assert_eq!(comments(body), ["# alone", "#last"]);
    }

    #[test]
    fn what_is_not_modelled_gives_no_windows() {
        for body in [
            "s = 'open\nr.set_cookie('k')\n",
            "x = (1\n",
            "x = 1)\n",
            "x = 1 \\ 2\n",
            "x = 1\ry = 2\n",
            "\x0cx = 1\n",
            "s = '''open",
            "s = f'{x'\n",
            "response.\nset_cookie('k')\n",
            "x = *\nr.set_cookie('k')\n",
            "x = a and\nr.set_cookie('k')\n",
            "x = 1.1.\nr.set_cookie('k')\n",
            "x = 0x1f.\nr.set_cookie('k')\n",
            "from m\nimport flask\n",
            "if x\nr.set_cookie('k')\n",
            "x = '\\N{' + '}'\n",
            "x = '\\N{\n'\n",
            "x = `y`\n",
            "x = uuf'y'\n",
            "r.set_cookie\u{200b}('k')\n",
            "x = 1  # c\rr.set_cookie('k')\n",
        ] {
            assert_eq!(windows(body), None, "{body:?}");
        }
    }

    #[test]
    fn lines_that_python_accepts_are_modelled() {
        let body =
            "def set_cookie(): ...\nx = 1. + 2.\nfrom m import *\nx = a, b;\nr\u{e9}ponse = 1.e5\nif x: y = {1: 2}\ns = '\\N{SNOWMAN}'\n";
        assert_eq!(
            windows(body).unwrap(),
            ["def set_cookie(): ...\n", "from m import *\n"]
        );
    }

    #[test]
    fn definitions_in_a_class_body_are_methods() {
        let body = "class R:\n    def set_cookie(self, k):\n        def set_cookie(): pass\n    if PY3:\n        @wrap\n        async def set_cookie(self, k): pass\n    x = (1,\n2)\n    def set_cookie(self): ...\ndef set_cookie(): pass\nclass S: pass\ndef f():\n    def set_cookie(): pass\n";
        let methods: Vec<&str> = scan_for_rules(body.as_bytes())
            .methods
            .into_iter()
            .map(|at| &body[at..at + 9])
            .collect();
        assert_eq!(methods, ["def set_c", "async def", "def set_c"]);
        let starts = scan_for_rules(body.as_bytes()).methods;
        assert_eq!(starts[0], body.find("def set_cookie(self, k)").unwrap());
        assert_eq!(starts[2], body.find("def set_cookie(self)").unwrap());
    }

    #[test]
    fn tabs_reach_the_next_multiple_of_eight() {
        assert_eq!(indent_width(b"\t"), 8);
        assert_eq!(indent_width(b"   \t"), 8);
        assert_eq!(indent_width(b"\t  "), 10);
    }
}
