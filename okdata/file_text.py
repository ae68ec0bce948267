"""Text that every file okdata writes can carry. Excel, Word and PowerPoint files are XML, and XML 1.0 has no place
for control characters other than tab and line breaks: openpyxl and python-docx refuse a whole file for one of
them; PostgreSQL refuses a NUL byte in any text. Typed texts are cleaned when saved (`typed`, `typed_line`),
catalog texts are refused with the character named (`unsafe_character`), and the writers clean what is already
stored (`file_safe`)."""

import re

# control characters other than tab and line breaks, lone surrogates and two non-characters
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def file_safe(text: str) -> str:
    """`text` with a vertical tab or form feed (Word's line and page break, which come along when a text is pasted)
    as a line break, and the other characters XML cannot hold dropped."""
    if NOT_XML.search(text) is None:
        return text
    return NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def typed(text: str) -> str:
    """A text a person typed (a reason, a note, an analysis), as it is saved: one kind of line break, nothing a
    file or a database cannot carry (`file_safe`; a text pasted from Word brings its line breaks as vertical tabs),
    no white space around it."""
    return file_safe(str(text).replace("\r\n", "\n").replace("\r", "\n")).strip()


def typed_line(text: str) -> str:
    """A typed text of one line (a name), as it is saved or looked up: `typed`, each run of white space one space."""
    return " ".join(typed(text).split())


def unsafe_character(text: str) -> int | None:
    """The code of the first character in `text` that no file can carry, None when there is none."""
    found = NOT_XML.search(text)
    return None if found is None else ord(found.group())
