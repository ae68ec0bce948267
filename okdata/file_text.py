"""Text that every file okdata writes can carry. Excel, Word and PowerPoint files are XML, and XML 1.0 has no place
for control characters other than tab and line breaks: openpyxl and python-docx refuse a whole file for one of
them; PostgreSQL refuses a NUL byte in any text. Typed texts are cleaned when saved (`typed`, `typed_line`),
catalog texts are refused with the character named (`unsafe_character`), and the writers clean what is already
stored (`file_safe`). A typed text and a return's text cells also lose every control of the text's direction
(`DIRECTION`): a right-to-left override shows "fil\u202excod.exe" as "filexe.docx" and could make a comment, a
file name or a name read as something else."""

import re
import unicodedata

# control characters other than tab and line breaks, lone surrogates and two non-characters
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# the embeddings, overrides and isolates of Unicode's bidirectional algorithm (not the marks LRM and RLM, which
# only give a neutral character a direction)
DIRECTION = "\u202a-\u202e\u2066-\u2069"
NOT_TYPED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff{DIRECTION}]")


def file_safe(text: str, unsafe: re.Pattern = NOT_XML) -> str:
    """`text` with a vertical tab or form feed (Word's line and page break, which come along when a text is pasted)
    as a line break, and the other characters XML cannot hold (`unsafe`: or more) dropped."""
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def incoming(text: str) -> str:
    """A text as it comes in, typed or read from a return's cell: `file_safe`, no control of its direction, and
    composed (Unicode NFC): "å" written as a and a combining ring (as text from a Mac or a web form can come) is
    the one letter å, so that it matches the catalog's words."""
    text = file_safe(text, NOT_TYPED)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def sheet_key(name: str) -> str:
    """A sheet's name as sheets are looked up by it: composed, spaces around it and case ignored."""
    return unicodedata.normalize("NFC", name).strip().casefold()


# what breaks a line or drives a terminal beyond NOT_TYPED: line and paragraph breaks and the C1 controls (U+009B
# starts an escape sequence as ESC [ does)
NOT_ONE_LINE = re.compile("[\t\n\r\x80-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """A name from a file (a sheet's) as a message or a terminal shows it: `incoming`, every line break and C1
    control a space, so that it cannot print a line of its own or move the cursor. Other spaces are kept: a
    trailing space can be the difference the message points out."""
    return NOT_ONE_LINE.sub(" ", incoming(text))


def typed(text: str) -> str:
    """A text a person typed (a reason, a note, an analysis), as it is saved: one kind of line break, nothing a
    file or a database cannot carry (`file_safe`; a text pasted from Word brings its line breaks as vertical tabs),
    no control of its direction, no white space around it."""
    return incoming(str(text).replace("\r\n", "\n").replace("\r", "\n")).strip()


MAX_TYPED = 20_000  # characters of a text a person writes in the app: an analysis, a note, a reason


def typed_within(text: str) -> str:
    """`typed`, refused with a Swedish ValueError when longer than MAX_TYPED (a whole document pasted by
    mistake would otherwise go into the log, the decision log and the report)."""
    from okdata import texts
    from okdata.formatting import fmt_num

    text = typed(text)
    if len(text) > MAX_TYPED:
        raise ValueError(texts.TYPED_TOO_LONG.format(n=fmt_num(len(text)), limit=fmt_num(MAX_TYPED)))
    return text


def typed_line(text: str) -> str:
    """A typed text of one line (a name), as it is saved or looked up: `typed`, each run of white space one space."""
    return " ".join(typed(text).split())


MAX_FILE_NAME = 300  # characters of an uploaded file's name that are kept (ImportBatch.file_name)


def uploaded_name(name: str) -> str:
    """An uploaded file's name as every import saves it (a batch, a source, the audit log): the browser's name,
    which a crafted request may give a NUL byte, a line break or a control of the text's direction, as one typed
    line of at most MAX_FILE_NAME characters."""
    return typed_line(name)[:MAX_FILE_NAME]


# what a catalog's text may not hold: what no file can carry, a control of the text's direction, a C1 control
NOT_CATALOG = re.compile(NOT_TYPED.pattern[:-1] + "\x80-\x9f]")


def unsafe_character(text: str, unsafe: re.Pattern = NOT_CATALOG) -> int | None:
    """The code of the first character in `text` that no file can carry, that turns the text's direction or that
    drives a terminal (a C1 control), None when there is none: a catalog's names reach every template, report and
    terminal."""
    found = unsafe.search(text)
    return None if found is None else ord(found.group())


# The most a text file read whole may hold: a catalog in TOML (the plan's is 52 kB), a CSV of published figures or
# SCB's population export (a few hundred kB); each read as text, parsed and held several times over in memory.
MAX_TEXT_FILE_BYTES = 5 * 1024 * 1024


def text_file_size_problem(data: bytes) -> str | None:
    """The Swedish refusal of a text file larger than MAX_TEXT_FILE_BYTES, None when it is within it."""
    from okdata import texts

    if len(data) <= MAX_TEXT_FILE_BYTES:
        return None
    return texts.TEXT_FILE_TOO_BIG.format(size=f"{len(data) / 1e6:.1f}".replace(".", ","),
                                          limit=MAX_TEXT_FILE_BYTES // (1024 * 1024))


def decoded_csv(data: bytes) -> str | None:
    """A CSV file's text: UTF-8 (with or without its mark) or Windows-1252, in which Excel on a Swedish Windows saves
    "CSV (semikolonavgränsad)"; None when it is neither (or holds NUL, which no database stores in text). Every
    byte decodes in Windows-1252 but five; a UTF-8 file is tried first, since its å read as Windows-1252 would be
    "Ã¥" rather than fail."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None
