"""Resumes written in a structured source format, turned into the plain header lines the resume readers handle.

A resume kept as source - LaTeX (awesome-cv, moderncv, Jake's resume, a template's own `\\job` macro), org-mode,
reStructuredText or AsciiDoc - holds its jobs in the format's structure: a macro's arguments, a heading's stars, a
definition list, a table with a header row. `read` finds that structure and gives

* `plain`: the text with the format's markup blanked out, character for character (same length, same line breaks), so
  that every offset found in it is an offset of the resume itself (dates, skill mentions, an entry's block); in any
  format, its Solar Hijri dates are written as the Gregorian ones they are, the same length (`calendars`);
* `cells`: the pieces that become lines of their own, with the words the readers should see there: a LaTeX macro's
  arguments one per line, named by what they hold (`title: System Administrator`, `company: Allpower`, `dates: seit
  Feb. 2016`, the first one marked as an item: `- ...`), a section command as a markdown heading (`## Erfahrung`), a
  definition list's later paragraphs as bullets, an AsciiDoc table's cells named by their column (`Company: Acme`).

A TOML or YAML data file (a Hugo widget's `[[experience]]` tables, a page's `+++` / `---` front matter) has its
comments blanked (a theme's commented sample job, a commented bullet: not the author's words) and its multi-line
strings listed as `strings` (a job's description, where no section heading stands).

A text in none of these formats is returned as it is, with no cells. What is known of the formats (the macros and
their arguments, the commands that write no words, the data keys of lists that hold no jobs) is data:
`data/resume_markup.yaml` (schema `resume_markup_schema.py`).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from skillgap.skills import calendars
from skillgap.skills.resume_markup_schema import DATE_SLOTS, EntryMacro, built
from skillgap.skills.title_words_schema import built as built_words

__all__ = ["Cell", "Markup", "not_work_key", "read"]


@dataclass(frozen=True, slots=True)
class Cell:
    """text[start:end] read as a line of its own, holding `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Markup:
    plain: str  # the resume with its markup blanked: same length and line breaks as the resume
    cells: tuple[Cell, ...]  # in text order, none overlapping
    strings: tuple[tuple[int, int], ...] = ()  # a data file's multi-line strings (a job's `description = """`)

    def in_string(self, offset: int) -> bool:
        """Whether text[offset] is inside a data file's multi-line string: a job's text, where no heading stands."""
        position = bisect.bisect_right(self.strings, (offset, len(self.plain) + 1)) - 1
        return position >= 0 and self.strings[position][0] <= offset < self.strings[position][1]


class _Edit:
    """The resume being blanked, and the cells found so far."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.removed = bytearray(len(text))  # 1 where markup was blanked
        self.masked = bytearray(len(text))  # 1 on the century digits of a year that dates no entry
        self.cells: dict[int, Cell] = {}
        self._starts: list[int] = []  # the cells' starts, in order: a new cell may not overlap one
        self.strings: list[tuple[int, int]] = []  # multi-line strings of a data file, in order

    def blank(self, start: int, end: int) -> None:
        for index in range(start, end):
            self.put(index, " ")

    def put(self, index: int, char: str) -> None:
        if self.chars[index] != "\n":
            if char == " " and not self.chars[index].isspace():
                self.removed[index] = 1
            self.chars[index] = char

    def cell(self, start: int, end: int, text: str) -> None:
        if end <= start or not text.strip():
            return
        position = bisect.bisect_left(self._starts, start)
        if position < len(self._starts) and self._starts[position] < end:
            return
        if position and self.cells[self._starts[position - 1]].end > start:
            return
        self._starts.insert(position, start)
        self.cells[start] = Cell(start, end, text)

    def text(self) -> str:
        return "".join(self.chars)

    def mask_years(self, start: int, end: int) -> None:
        """The years in text[start:end] date no entry (a sub-assignment in a job's description: "Leader of the B2B
        vertical. (July 2021 - December 2021)"): the date reader does not see them; the line keeps its words."""
        for year in _YEAR.finditer("".join(self.chars[start:end])):
            self.masked[start + year.start()] = self.masked[start + year.start() + 1] = 1

    def markup(self) -> Markup:
        plain = self.text()
        self._compact_lines(plain)
        if any(self.masked):
            plain = "".join("0" if masked else char for char, masked in zip(plain, self.masked, strict=True))
        return Markup(plain, tuple(self.cells[start] for start in sorted(self.cells)), tuple(sorted(self.strings)))

    def _compact_lines(self, plain: str) -> None:
        """A line whose markup was blanked inside it ("##      Saltpay" of `** [[https://...][Saltpay]]`) is read
        as its words without the gaps the markup left: a wide gap reads as a column."""
        given = sorted((cell.start, cell.end) for cell in self.cells.values())
        next_cell = 0
        position = 0
        for line in plain.split("\n"):
            start, end = position, position + len(line)
            position = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            lead = start + len(line) - len(line.lstrip())
            last = lead + len(stripped)
            while next_cell < len(given) and given[next_cell][1] <= lead:
                next_cell += 1
            changed = any(self.removed[lead:last]) or any(self.masked[lead:last])
            if not changed or (next_cell < len(given) and given[next_cell][0] < last):
                continue
            marked = "".join("\0" if self.removed[i] else plain[i] for i in range(lead, last))
            self.cell(lead, last, _GAP.sub(lambda m: " " if " " in m.group() else "", marked))


_GAP = re.compile(r" *\0[\0 ]*")
# The comma of Arabic and Persian ("مهندس برمجيات أول، شركة أكمي"): between a header's pieces it is the comma the
# reader splits at. One character, so offsets into the text hold.
_COMMAS = str.maketrans({"\u060c": ","})
# The full-width comma of Chinese, the same in a header's line with a year
# ("高级软件工程师，阿克米科技有限公司，2019年3月 - 至今"), not in a sentence of a job's
# description ("参与日志分析系统模块开发，完成数据结构转化过程，...") nor in a title written
# with it ("物料员，储备领班", kept as written).
_HEADER_FULL_WIDTH_COMMAS = re.compile(r"^(?=[^\n]*，)[^\n]*(?<!\d)(?:19|20)\d\d(?!\d)[^\n]*$", re.MULTILINE)


@functools.lru_cache(maxsize=16)
def read(text: str) -> Markup:
    """The resume's plain text and cells (see the module doc); the text itself when it is in no known format. An HTML
    comment is blanked first, whatever the format: a page or a markdown file shows nothing of it (a job commented out
    of an HTML resume is no job, as one commented out of a LaTeX resume)."""
    text = _line_breaks_unescaped(_punctuation_unescaped(_without_comments(text)))
    text = calendars.gregorian(text)  # "مهر ۱۳۹۷" as the Gregorian month it is, the same length
    text = text.translate(_COMMAS)
    if "，" in text:
        text = _HEADER_FULL_WIDTH_COMMAS.sub(lambda line: line.group().replace("，", ","), text)
    for detect, convert in _FORMATS:
        if detect(text):
            edit = _Edit(text)
            convert(text, edit)
            return edit.markup()
    return Markup(text, ())


def _without_comments(text: str) -> str:
    """`text` with each HTML comment (`<!-- -->`) and each block comment of a script or a style sheet (`/* */`, a JSX
    page's `{/* */}`) blanked, its line breaks kept: the same length, so offsets hold."""
    for opening, closing in (("<!--", "-->"), ("/*", "*/")):
        text = _blanked_between(text, opening, closing)
    return text


# A JSON or script string's escaped character: `"03/2021 \\u2192 presente"`, as `json.dumps` writes any non-ASCII one.
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _punctuation_unescaped(text: str) -> str:
    """`text` with each escaped dash, arrow, quote or space (`\\u2013`, `\\u2192`, `\\u00a0`) written as itself and
    padded with spaces to the escape's length, so offsets hold and a range's dates are read. An escaped letter stays:
    padding would split its word."""
    if "\\u" not in text:
        return text

    def unescaped(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if unicodedata.category(char)[0] not in "PSZ":
            return match.group()
        return (" " if char.isspace() else char).ljust(len(match.group()))

    return _ESCAPE.sub(unescaped, text)


# A script string's escaped line break (`'Kepala Seksi Kesejahteraan\\nPemerintah Desa Ulu Baula'`): not one after
# another backslash, nor one before a small letter (LaTeX's `\\newline`, `\\noindent`; a Windows path's `\\new`).
_ESCAPED_LINE_BREAK = re.compile(r"(?<!\\)\\n(?![a-z])")


def _line_breaks_unescaped(text: str) -> str:
    """`text` with each escaped line break of a script's string a line break (after a space: the same length), so
    the lines a template literal or a JSON string writes are lines: a title and its employer are two pieces."""
    if "\\n" not in text:
        return text
    return _ESCAPED_LINE_BREAK.sub(" \n", text)


def _blanked_between(text: str, opening: str, closing: str) -> str:
    """One pass: an opening never closed ends the search (a pattern would look for its close from each of many
    openings)."""
    parts: list[str] = []
    position = 0
    while (start := text.find(opening, position)) >= 0:
        close = text.find(closing, start + len(opening))
        if close < 0:
            break
        end = close + len(closing)
        parts += [text[position:start], _NOT_A_LINE_BREAK.sub(" ", text[start:end])]
        position = end
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


def not_work_key(key: str) -> bool:
    """A data file's key whose list holds no jobs (`"volunteer": [`), though no section heading names it."""
    return re.sub(r"[\s_-]", "", key).lower() in built().not_work_keys


# ---------------------------------------------------------------------------------------------
# LaTeX

_LATEX_LINE_COMMAND = re.compile(r"^[ \t]*\\(?:[A-Za-z]+)", re.MULTILINE)
_LATEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*\[(\d)\]")
_COMMAND = re.compile(r"(?<!\\)\\([A-Za-z]+)\*?")
_LATEX_CHARS = re.compile(r"\\\\|\\[&%$#_{} ,;!]|[{}~$]|(?<!\\)&")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DASH_END = re.compile(r"(?:-|–|—|--)\s*$")
_MAX_ARGUMENT = 6000  # characters of one brace argument
_KEYS = {"title": "title", "company": "company", "location": "location", "dates": "dates", "start": "dates"}


def _is_latex(text: str) -> bool:
    """Three lines that begin with a command, or one that begins with a known entry macro or section command."""
    commands = _LATEX_LINE_COMMAND.findall(text, 0, 20000)
    return len(commands) >= 3 or any(command.strip()[1:] in _latex_names() for command in commands)


@functools.cache
def _latex_names() -> frozenset[str]:
    markup = built()
    return frozenset(macro.name for macro in markup.entry_macros) | {c.name for c in markup.heading_commands}


def _arguments(
    source: str, pairs: dict[int, int], position: int, *, multiline: bool, limit: int
) -> list[tuple[int, int]]:
    """The (opening, closing) brace offsets of the brace arguments from `position` on (optional `[...]` arguments
    skipped); across line breaks when `multiline`, but never across a blank line."""
    found: list[tuple[int, int]] = []
    while len(found) < limit:
        index = position
        newlines = 0
        while index < len(source) and source[index] in " \t\n":
            newlines += source[index] == "\n"
            index += 1
        if newlines > (1 if multiline else 0) or index >= len(source):
            break
        if source[index] == "[":
            bracket = source.find("]", index, index + 200)
            if bracket < 0:
                break
            position = bracket + 1
            continue
        if source[index] != "{":
            break
        close = pairs.get(index)
        if close is None or close - index > _MAX_ARGUMENT:
            break
        found.append((index, close))
        position = close + 1
    return found


def _brace_pairs(source: str) -> dict[int, int]:
    """The closing brace of each opening brace (escaped braces aside), found in one pass."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for match in _BRACE.finditer(source):
        if match.group() == "{":
            opened.append(match.start())
        elif match.group() == "}" and opened:
            pairs[opened.pop()] = match.start()
    return pairs


_BRACE = re.compile(r"\\.|[{}]", re.DOTALL)


@functools.cache
def _dropped_in_fragment() -> re.Pattern[str]:
    """A command of `drop_commands` with its optional `[...]` arguments and the brace arguments dropped with it
    (`\\parbox[t]{10cm}{words}` keeps "words"), inside an argument the entry macros read."""
    counted = {name: count for name, count in built().drop_commands.items() if count}
    alternatives = "|".join(
        rf"{re.escape(name)}\*?(?:\s*\[[^\[\]{{}}]{{0,200}}\])*(?:\s*\{{[^{{}}]*\}}){{{count}}}"
        for name, count in sorted(counted.items())
    )
    return re.compile(rf"\\(?:{alternatives})")


# An accented letter written with a LaTeX accent command: "T\\'ecnica", "Jos\\'{e}", "{\\"u}ber", "\\c{c}", "\\~n".
_LATEX_ACCENT = re.compile(r"""\\(?:(['`^"~=.])\s*\{?\s*(\\i|[A-Za-z])\s*\}?|([cvuHk])\s*\{\s*(\\i|[A-Za-z])\s*\})""")
_ACCENT_MARKS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
}


def _accented(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(4)
    mark = _ACCENT_MARKS[match.group(1) or match.group(3)]
    return unicodedata.normalize("NFC", ("i" if letter == "\\i" else letter) + mark)


def _latex_words(fragment: str) -> str:
    """The words of a LaTeX fragment: `\\textbf{Acme \\& Co}` is "Acme & Co", `Jos\\'e` is "José"."""
    fragment = _LATEX_COMMENT.sub("", fragment)
    fragment = _LATEX_ACCENT.sub(_accented, fragment)
    fragment = _dropped_in_fragment().sub(" ", fragment)
    fragment = re.sub(r"\\\\|\\[,;! ]", " ", fragment)
    fragment = re.sub(r"\\([&%$#_])", r"\1", fragment)
    fragment = re.sub(r"\\[A-Za-z]+\*?", " ", fragment)
    fragment = re.sub(r"[{}~$]", " ", fragment)
    return " ".join(fragment.split())


def _signature(macro: EntryMacro, arity: int | None, values: Sequence[str]) -> tuple[str, ...] | None:
    """The argument list of `macro` that fits the call: of the macro's own arity when the resume defines it, else of
    as many arguments as were written (or fewer), with a year in each date argument."""
    fitting = [
        signature
        for signature in macro.signatures
        if (len(signature) == arity if arity is not None else len(signature) <= len(values))
        and all(_YEAR.search(values[i]) for i, slot in enumerate(signature) if slot in DATE_SLOTS)
    ]
    fitting.sort(key=lambda signature: -len(signature))  # the longest that fits: it names the most arguments
    return fitting[0] if fitting else None


def _latex(text: str, edit: _Edit) -> None:
    markup = built()
    source = _LATEX_COMMENT.sub(lambda m: " " * len(m.group()), text)
    source = _first_alternatives(source, markup.alternative_commands)
    edit.chars = list(source)
    arity = {m.group(1): int(m.group(2)) for m in _NEWCOMMAND.finditer(source)}
    pairs = _brace_pairs(source)
    macros = {macro.name: macro for macro in markup.entry_macros}
    headings = {command.name: command.level for command in markup.heading_commands}
    begin = source.find("\\begin{document}")
    skipped_to = 0
    if begin >= 0:
        edit.blank(0, begin + len("\\begin{document}"))
        skipped_to = begin + len("\\begin{document}")
    for match in _COMMAND.finditer(source, skipped_to):
        if match.start() < skipped_to:
            continue
        name, span = match.group(1), match.span()
        if name == "begin":
            # `\begin{rSubsection}{Acme}{2019 - 2021}{Engineer}{}`: an environment of an entry macro's or a section
            # command's name takes that command's arguments after its own
            environment = _arguments(source, pairs, match.end(), multiline=False, limit=1)
            if environment:
                opening, closing = environment[0]
                if (written := source[opening + 1 : closing].strip()) in macros or written in headings:
                    name, span = written, (match.start(), closing + 1)
        if name in macros or arity.get(name, 0) >= 2:
            skipped_to = _entry_macro(source, pairs, edit, span, macros.get(name), arity.get(name))
        elif name in headings:
            arguments = _arguments(source, pairs, span[1], multiline=False, limit=1)
            if arguments:
                opening, closing = arguments[0]
                words = _latex_words(source[opening + 1 : closing])
                edit.blank(span[0], closing + 1)
                edit.cell(span[0], closing + 1, "#" * headings[name] + " " + words)
                skipped_to = closing + 1
            else:
                edit.blank(*span)
        elif name in markup.drop_commands:
            count = markup.drop_commands[name]
            arguments = _arguments(source, pairs, match.end(), multiline=False, limit=count or 9)
            end = arguments[-1][1] + 1 if arguments else match.end()
            edit.blank(match.start(), end)
            skipped_to = end
        elif name == "item":
            edit.blank(*match.span())
            edit.put(match.start(), "-")
        else:
            edit.blank(*match.span())
    for char in _LATEX_CHARS.finditer(source):
        if edit.chars[char.start()] != source[char.start()]:
            continue  # already blanked
        written = char.group()
        if written == "&":
            edit.put(char.start(), "|")  # a table's column: pieces of one header line
        elif written.startswith("\\") and written[1] in "&%$#_":
            edit.put(char.start(), " ")
        else:
            edit.blank(char.start(), char.end())


def _first_alternatives(source: str, names: Sequence[str]) -> str:
    """`source` with each of the `names` commands and its second argument blanked (same length, so offsets hold):
    `\\languageSwitch{Intern}{Becario}` reads as "{Intern}". Only two are taken: a brace group after them is the
    text that follows ("{Intern}{Becario} {\\small ...}")."""
    chars = list(source)
    pairs = _brace_pairs(source)
    for match in _COMMAND.finditer(source):
        if match.group(1) not in names:
            continue
        arguments = _arguments(source, pairs, match.end(), multiline=True, limit=2)
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
        for opening, closing in arguments[1:]:
            chars[opening : closing + 1] = [char if char == "\n" else " " for char in source[opening : closing + 1]]
    return "".join(chars)


def _entry_macro(
    source: str,
    pairs: dict[int, int],
    edit: _Edit,
    call: tuple[int, int],
    macro: EntryMacro | None,
    arity: int | None,
) -> int:
    """Blank an entry macro's call (`call`: where its name is written) and make its one-line arguments cells, named
    when its signature is known; the offset the scan of commands goes on from (inside the arguments: they hold
    commands of their own)."""
    limit = arity if arity is not None else max((len(s) for s in macro.signatures), default=0) if macro else 0
    arguments = _arguments(source, pairs, call[1], multiline=True, limit=limit)
    if len(arguments) < 2:
        return call[1]
    values = [_latex_words(source[opening + 1 : closing]) for opening, closing in arguments]
    signature = _signature(macro, arity, values) if macro is not None else None
    if signature is not None:
        arguments = arguments[: len(signature)]
    edit.blank(*call)
    first = True
    for index, (opening, closing) in enumerate(arguments):
        slot = signature[index] if signature is not None else ""
        inner = source[opening + 1 : closing]
        if slot == "url":
            edit.blank(opening, closing + 1)
            continue
        if slot == "start" and not _DASH_END.search(inner) and index + 1 < len(arguments):
            edit.put(closing, "–")  # "{2019}{2021}": one range for the date reader
        if slot == "description":
            edit.mask_years(opening + 1, closing)
            edit.strings.append((opening + 1, closing))  # its "Highlights:" is no section heading
        if slot == "description" or not values[index]:
            continue
        if slot == "end" and values[index] == "0":
            # moderntimeline's end year 0 ("\\tlcventry{2025}{0}{...}"): the job goes on, an open range "2025–"
            edit.blank(opening + 1, closing)
            continue
        if slot == "dates" and (pair := _TWO_ARGUMENTS.search(inner)) and not _DASH_END.search(pair[1]):
            # "{\jobdate{Août 2019}{Maintenant}}": a macro of the resume's own that writes its two sides with a mark
            # of its own between them (an arrow): one range for the date reader
            values[index] = f"{_latex_words(pair[1])} – {_latex_words(pair[2])}"
            edit.put(opening + 1 + pair.end(1), "–")
        lead = len(inner) - len(inner.lstrip())
        start, end = opening + 1 + lead, opening + 1 + len(inner.rstrip())
        if "\n" in source[start:end]:
            # "{Freelance IT\n  consultant}": a short argument wrapped in the source is one piece, on its first line
            if (
                source.count("\n", start, end) > _WRAPPED_LINES
                or len(values[index]) > _MAX_WRAPPED
                or _LIST_MARKUP.search(inner) is not None
            ):
                continue  # a list or a paragraph, read line by line
            wrap = source.index("\n", start, end)
            edit.blank(wrap, end)
            end = wrap
        key = _KEYS.get(slot, "")
        words = f"{key}: {values[index]}" if key else values[index]
        edit.cell(start, end, ("- " if first else "") + words)
        first = False
    return call[1]


_TWO_ARGUMENTS = re.compile(r"\\[A-Za-z]+\s*\{([^{}]*)\}\s*\{([^{}]*)\}")  # a command's two brace arguments
_WRAPPED_LINES = 1  # line breaks in an entry's argument that is still one title or name
_MAX_WRAPPED = 120
_LIST_MARKUP = re.compile(r"\\(?:begin|item)\b")


# ---------------------------------------------------------------------------------------------
# org-mode

_ORG_SETTING = re.compile(r"^[ \t]*#\+[A-Za-z_]+:?[^\n]*", re.MULTILINE)
_ORG_DRAWER = re.compile(r"^[ \t]*:PROPERTIES:[ \t]*\n(?:[^\n]*\n){0,40}?[ \t]*:END:[ \t]*$", re.MULTILINE)
_ORG_HEADING = re.compile(r"^(\*{1,6})(?=[ \t])", re.MULTILINE)
_ORG_MACRO = re.compile(r"\{\{\{[\w-]+\((?P<arguments>[^\n]*?)\)\}\}\}")
_ORG_LINK = re.compile(r"\[\[([^\]\n]*)\](?:\[([^\]\n]*)\])?\]")
_ORG_EMPHASIS = re.compile(r"(?<![\w/=~+*])([/=~+])(?=[^\s/=~+])([^\n]{0,200}?[^\s])\1(?![\w/=~+])")


def _is_org(text: str) -> bool:
    head = text[:20000]
    return bool(
        re.search(r"^[ \t]*#\+(?:TITLE|OPTIONS|AUTHOR|LATEX_HEADER|STARTUP):", head, re.MULTILINE | re.IGNORECASE)
        or re.search(r"^[ \t]*:PROPERTIES:[ \t]*$", head, re.MULTILINE)
        or (len(re.findall(r"^\*{2,6} \S", head, re.MULTILINE)) >= 2 and _ORG_LINK.search(head) is not None)
    )


def _org(text: str, edit: _Edit) -> None:
    for match in _ORG_SETTING.finditer(text):
        edit.blank(*match.span())
    for match in _ORG_DRAWER.finditer(text):
        edit.blank(*match.span())
    for match in _ORG_HEADING.finditer(text):
        for index in range(*match.span()):
            edit.put(index, "#")
    for match in _ORG_MACRO.finditer(text):
        # `{{{experience-start(Title *|* Employer,March 2024 -- Present)}}}`: a macro's arguments are its text, the
        # commas between them set its pieces apart
        edit.blank(match.start(), match.start("arguments"))
        edit.blank(match.end("arguments"), match.end())
        for comma in re.finditer(r"(?<!\\),", match.group("arguments")):
            edit.put(match.start("arguments") + comma.start(), "|")
    for match in _ORG_LINK.finditer(text):
        if match.group(2) is None:
            edit.blank(match.start(), match.start(1))
            edit.blank(match.end(1), match.end())
        else:
            edit.blank(match.start(), match.start(2))
            edit.blank(match.end(2), match.end())
    current = edit.text()
    for match in _ORG_EMPHASIS.finditer(current):
        edit.put(match.start(), " ")
        edit.put(match.end() - 1, " ")
    _roles_of_heading(edit)


# One role with its dates in brackets, in a heading that lists several: "Developer (January 2015 - October 2017)".
_DATED_ROLE = re.compile(r"[^\s,()#][^,()\n]*\([^()\n]*(?:19|20)\d\d[^()\n]*\)")
_HEADING_LINE = re.compile(r"^#{1,6}[ \t][^\n]*", re.MULTILINE)


def _roles_of_heading(edit: _Edit) -> None:
    """A heading that lists several roles with their dates ("Developer (January 2015 - October 2017), Lead Developer
    (May 2016 - September 2016)"): each role is a line of its own, so that each is a job of its own."""
    plain = edit.text()
    for heading in _HEADING_LINE.finditer(plain):
        roles = list(_DATED_ROLE.finditer(plain, heading.start(), heading.end()))
        between = [plain[a.end() : b.start()] for a, b in zip(roles, roles[1:], strict=False)]
        if len(roles) < 2 or any(gap.strip() != "," for gap in between):
            continue
        marks = plain[heading.start() : heading.end()].split()[0]
        for number, role in enumerate(roles):
            words = " ".join(role.group().split())
            start = heading.start() if number == 0 else role.start()
            end = roles[number + 1].start() if number + 1 < len(roles) else role.end()  # the comma between with it
            edit.cell(start, end, f"{marks} {words}" if number == 0 else words)


# ---------------------------------------------------------------------------------------------
# reStructuredText

_ADORNMENT = re.compile(r"([=\-`:'\"~^_*+#<>])\1{2,}[ \t]*$")
# What only reStructuredText writes: a title underlined (as long as the title) with a character markdown never
# underlines with, a directive, a grid table.
_RST_UNDERLINE = re.compile(r"^([^\s#*>|-][^\n]{0,80})\n([`:'\"~^#<>])\2{2,}[ \t]*$", re.MULTILINE)
_RST_ONLY = re.compile(r"^\.\. [\w-]+::|^\+(?:[-=]{3,}\+)+[ \t]*$", re.MULTILINE)
_RST_ESCAPE = re.compile(r"\\(?=[^\s\w])")
_INDENT = re.compile(r"[ \t]*")


def _is_rst(text: str) -> bool:
    if _RST_ONLY.search(text, 0, 20000) is not None:
        return True
    return any(
        len(match.group().split("\n")[1].strip()) >= len(match.group(1).strip())
        for match in _RST_UNDERLINE.finditer(text, 0, 20000)
    )


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _rst(text: str, edit: _Edit) -> None:
    spans = _lines(text)
    styles: list[tuple[str, bool]] = []
    titled: set[int] = set()
    for number, (start, end) in enumerate(spans):
        adornment = _ADORNMENT.match(text, start, end)
        if adornment is None or number == 0:
            continue
        title_start, title_end = spans[number - 1]
        title = text[title_start:title_end].strip()
        if not title or _ADORNMENT.match(title) or len(adornment.group().strip()) < len(title) - 2:
            continue
        over = number >= 2 and text[spans[number - 2][0] : spans[number - 2][1]].strip() == adornment.group().strip()
        style = (adornment.group(1), over)
        if style not in styles:
            styles.append(style)
        edit.blank(start, end)
        if over:
            edit.blank(*spans[number - 2])
        lead = title_start + len(text[title_start:title_end]) - len(text[title_start:title_end].lstrip())
        level = min(styles.index(style) + 1, 6)
        edit.cell(lead, title_end, "#" * level + " " + _RST_ESCAPE.sub("", title))
        titled.add(number - 1)
    for number, (start, end) in enumerate(spans):
        line = text[start:end]
        if number in titled or not _RST_ESCAPE.search(line):
            continue
        for escape in _RST_ESCAPE.finditer(text, start, end):
            edit.put(escape.start(), " ")
        stripped = line.strip()
        lead = start + len(line) - len(line.lstrip())
        edit.cell(lead, lead + len(stripped), _RST_ESCAPE.sub("", stripped))
    _definition_bodies(text, spans, edit)


def _indent(text: str, span: tuple[int, int]) -> int:
    match = _INDENT.match(text, *span)
    return match.end() - span[0] if match is not None else 0


def _definition_bodies(text: str, spans: Sequence[tuple[int, int]], edit: _Edit) -> None:
    """The paragraphs after the first of a dated definition ("Bluehost" / "  February 2009 through present" / "" /
    "  Troubleshoot code issues") are its body: bullets, never the header of the next term."""
    number = 0
    while number + 1 < len(spans):
        term, definition = spans[number], spans[number + 1]
        if (
            not text[term[0] : term[1]].strip()
            or _indent(text, definition) <= _indent(text, term)
            or not _YEAR.search(text, *definition)
        ):
            number += 1
            continue
        indent = _indent(text, definition)
        inside = number + 2
        while inside < len(spans):
            start, end = spans[inside]
            line = text[start:end]
            if line.strip() and _indent(text, spans[inside]) < indent:
                break
            if line.strip() and _indent(text, spans[inside]) == indent and not line.lstrip().startswith(("-", "*")):
                edit.cell(start + indent, end, "- " + line.strip())
            inside += 1
        number = inside


# ---------------------------------------------------------------------------------------------
# AsciiDoc

_ADOC_HEADING = re.compile(r"^(=+)(?=[ \t]+\S)", re.MULTILINE)
_ADOC_ATTRIBUTE = re.compile(r"^:[\w-]+:[^\n]*|^\[[^\]\n]*\][ \t]*$|^<<<[ \t]*$", re.MULTILINE)
_ADOC_CONTINUATION = re.compile(r"[ \t]\+[ \t]*$", re.MULTILINE)
_ADOC_EMPHASIS = re.compile(r"(?<![\w*_`])([*_`])(?=[^\s*_`])([^\n]{0,200}?[^\s])\1(?![\w*_`])")
_ADOC_LINK = re.compile(r"(?:https?://|mailto:)[^\s\[]*\[([^\]\n]*)\]")
_ADOC_LABEL = re.compile(r"::(?=[ \t]|$)", re.MULTILINE)
_ADOC_TABLE = re.compile(r"^\|===[ \t]*\n(.*?)^\|===[ \t]*$", re.MULTILINE | re.DOTALL)


def _is_asciidoc(text: str) -> bool:
    head = text[:20000]
    return len(re.findall(r"^={2,5} \S", head, re.MULTILINE)) >= 2 and bool(
        re.search(r"^:[\w-]+:|^\|===", head, re.MULTILINE)
    )


def _asciidoc(text: str, edit: _Edit) -> None:
    for match in _ADOC_ATTRIBUTE.finditer(text):
        edit.blank(*match.span())
    for match in _ADOC_HEADING.finditer(text):
        for index in range(*match.span()):
            edit.put(index, "#")
    for pattern in (_ADOC_CONTINUATION, _ADOC_LABEL):
        for match in pattern.finditer(text):
            edit.blank(*match.span())
    for match in _ADOC_LINK.finditer(text):
        edit.blank(match.start(), match.start(1))
        edit.put(match.end() - 1, " ")
    for match in _ADOC_EMPHASIS.finditer(edit.text()):
        edit.put(match.start(), " ")
        edit.put(match.end() - 1, " ")
    for table in _ADOC_TABLE.finditer(text):
        _asciidoc_table(text, table, edit)


def _asciidoc_table(text: str, table: re.Match[str], edit: _Edit) -> None:
    """A table with a header row whose columns name a job's fields ("Company", "Role", "Starting"): each cell of the
    other rows is a field of that name, the first of a row an item (`- Company: Pitney Bowes`)."""
    above = text[max(0, text.rfind("\n", 0, max(0, table.start() - 1)) + 1) : table.start()]
    rows: list[list[tuple[int, int]]] = [[]]
    position = table.start(1)
    for line in table.group(1).split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            if rows[-1]:
                rows.append([])
            continue
        if line.startswith("|"):
            edit.put(start, " ")
            rows[-1].append((start + 1, end))
    rows = [row for row in rows if row]
    if len(rows) < 2 or "header" not in above:
        return
    names = [text[start:end].strip() for start, end in rows[0]]
    if not any(_field_key(name) for name in names):
        return
    for row in rows[1:]:
        if len(row) != len(names):
            continue
        for column, (start, end) in enumerate(row):
            value = text[start:end].strip()
            lead = start + len(text[start:end]) - len(text[start:end].lstrip())
            if value:
                edit.cell(lead, lead + len(value), ("- " if column == 0 else "") + f"{names[column]}: {value}")


def _field_key(name: str) -> bool:
    """A column name that names a job's field: a title, company or date key of the title words."""
    key = re.sub(r"[\s_-]", "", name).lower()
    words = built_words()
    return any(key.startswith(word) for word in (*words.title_keys, *words.company_keys, *words.date_keys))


# ---------------------------------------------------------------------------------------------
# Data files: TOML (a Hugo widget's `[[experience]]` tables) and a page's TOML or YAML front matter

_FRONT_MATTER = re.compile(r"\A\s*(\+\+\+|---)[ \t]*\n(.*?)(?:^\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_TOML_TABLE = re.compile(r"^[ \t]*\[\[?[\w.-]+\]\]?[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_TOML_LINE = re.compile(r"""[ \t]*(?:#.*|\[\[?[\w.-]+\]\]?[ \t]*(?:#.*)?|[\w."'-]+[ \t]*=.*|["'\]}{].*|.*,[ \t]*|)""")
_TRIPLE_QUOTE = re.compile(r'"""|\'\'\'')
_BLOCK_SCALAR = re.compile(r"^([ \t]*)(?:- )?[\w\"' -]+:[ \t]*[|>][+-]?[ \t]*$")


def _data_region(text: str) -> tuple[int, int, str] | None:
    """The span of text written as TOML or YAML, and which: a page's front matter (`+++` TOML, `---` YAML), or a whole
    file of TOML tables and keys."""
    front = _FRONT_MATTER.match(text)
    if front is not None:
        # A markdown resume may open with a rule ("---") too: its lines between two rules are no YAML keys.
        body = front.group(2)
        if front.group(1) == "+++" and _all_toml(body):
            return front.start(2), front.end(2), "toml"
        if front.group(1) == "---" and all(_YAML_TOP_LINE.match(line) for line in _top_level_lines(body)):
            return front.start(2), front.end(2), "yaml"
        return None
    if _TOML_TABLE.search(text) is not None and _all_toml(text):
        return 0, len(text), "toml"
    # A whole file of YAML (a Jekyll `_data/resume.yml`, a Hugo `data/experience.yaml`): every line at the left edge a
    # key or a list item, and an indented one under them.
    top = _top_level_lines(text)
    if len(top) >= 2 and all(_YAML_KEY_LINE.match(line) for line in top) and re.search(r"^[ \t]+\S", text, re.M):
        return 0, len(text), "yaml"
    return None


def _all_toml(text: str) -> bool:
    """Every line outside a multi-line string is a TOML comment, table, key or a list's continuation."""
    in_string = False
    for line in text.split("\n"):
        if in_string:
            in_string = len(_TRIPLE_QUOTE.findall(line)) % 2 == 0
            continue
        if _TOML_LINE.fullmatch(line) is None:
            return False
        comment = _comment_start(line, toml=True)  # `# Begin/end descriptions with 3 quotes """` opens no string
        in_string = len(_TRIPLE_QUOTE.findall(line if comment is None else line[:comment])) % 2 == 1
    return True


def _top_level_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip() and not line[0].isspace() and not line.startswith("#")]


_YAML_TOP_LINE = re.compile(r"""[\w"'.-][^:\n]*:(?:[ \t]|$)|- """)
# A key at the left edge of a whole YAML file: a word, no spaces in it (a resume's "Phone: ..." line is no key).
_YAML_KEY_LINE = re.compile(r"""(?:[\w"'.-]+:(?:[ \t]|$)|- [\w"'.-]+:(?:[ \t]|$))""")


def _is_data_file(text: str) -> bool:
    return _data_region(text) is not None


def _data_file(text: str, edit: _Edit) -> None:
    """Comments are no words of the resume: a theme's commented sample job (`# [[experience]]` / `#   title =
    "CEO"`), a commented bullet or job, a key's explanation after its value (`weight = 40  # Order of the section`).
    A markdown reader would take `# Special Projects` for a heading. A multi-line string's lines are kept as
    `strings`: a job's description, whose "Teaching:" is no section heading."""
    region = _data_region(text)
    if region is None:
        return
    start, end, kind = region
    in_string = False
    scalar_indent: int | None = None  # YAML: the lines of a `description: |` block are its text, `#` included
    for line_start, line_end in _lines(text[start:end]):
        line = text[start + line_start : start + line_end]
        indent = len(line) - len(line.lstrip())
        if scalar_indent is not None and (not line.strip() or indent > scalar_indent):
            edit.strings.append((start + line_start, start + line_end))
            continue
        scalar_indent = None
        if in_string:
            edit.strings.append((start + line_start, start + line_end))
            in_string = len(_TRIPLE_QUOTE.findall(line)) % 2 == 0
            continue
        comment = _comment_start(line, toml=kind == "toml")
        if comment is not None:
            edit.blank(start + line_start + comment, start + line_end)
        code = line if comment is None else line[:comment]
        if kind == "toml":
            in_string = len(_TRIPLE_QUOTE.findall(code)) % 2 == 1
        elif (block := _BLOCK_SCALAR.match(code)) is not None:
            scalar_indent = len(block.group(1))


def _comment_start(line: str, *, toml: bool) -> int | None:
    """Where a comment starts on a line of TOML or YAML: a `#` outside quotes (in YAML after a space, or first)."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'" and (toml or not line[:index].strip() or line[index - 1] in " :[{,-"):
            quote = char
        elif char == "#" and (toml or index == 0 or line[index - 1] in " \t"):
            return index
    return None


# org-mode first: an org file that exports to LaTeX holds LaTeX commands too, but its own markup is org's.
_FORMATS = (
    (_is_org, _org),
    (_is_latex, _latex),
    (_is_asciidoc, _asciidoc),
    (_is_rst, _rst),
    (_is_data_file, _data_file),
)
