"""The printed forms as data: versioned templates chosen by the document's date.

Each form lives in ``resources/forms/<form id>/<effective_from>/`` as ``template.html`` (Jinja2
producing the HTML subset Qt's ``QTextDocument`` understands) and ``form.json`` (title, legal
basis, effective dates, allowed paper sizes with their font size, margins and QR size). A new
circular is a new folder, not new code; an IT officer can fix a word in a template without a
programmer, and a reprint of an old dossier still uses the version in force when it was
received.

This module is Qt-free: it turns a slip into HTML and page measurements; ``render`` draws it.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

import jinja2
from markupsafe import Markup

from app.documents import formatting
from app.documents.errors import FormNotAvailable, TemplateProblem, form_not_in_force
from app.documents.slips import FormId, SlipContext, applicant_title

Paper = Literal["A4", "A5"]
PAPERS: tuple[Paper, ...] = get_args(Paper)

PAPER_MM: dict[Paper, tuple[float, float]] = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}
"""Portrait width and height of each paper size, in millimetres."""

QR_PLACEHOLDER_URL = "qr:code"
"""The image name templates use for the QR code; the renderer draws the code in its place."""

QR_PLACEHOLDER = Markup(f'<img src="{QR_PLACEHOLDER_URL}" />')

FORM_FILE = "form.json"
TEMPLATE_FILE = "template.html"


@dataclass(frozen=True)
class Margins:
    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class PaperSpec:
    """How a form is laid out on one paper size; the template sees it as ``page``."""

    name: Paper
    font_pt: float
    margins_mm: Margins
    qr_mm: float

    @property
    def width_mm(self) -> float:
        return PAPER_MM[self.name][0]

    @property
    def height_mm(self) -> float:
        return PAPER_MM[self.name][1]

    def pt(self, factor: float = 1.0) -> str:
        """A font size relative to the paper's base size, for CSS: ``page.pt(1.2)``."""
        return f"{self.font_pt * factor:.2f}pt"

    def px(self, on_a4: float) -> int:
        """A length in CSS pixels given for A4, scaled to this paper (cell padding, borders).

        Qt keeps pixel lengths physical, so without this an A5 slip would get A4's padding.
        """
        return max(1, round(on_a4 * self.width_mm / PAPER_MM["A4"][0]))


@dataclass(frozen=True)
class FormVersion:
    """One version of one form, as read from its folder."""

    form: FormId
    effective_from: date
    effective_to: date | None
    title: str
    legal_basis: str
    papers: dict[Paper, PaperSpec]
    folder: Path
    template_name: str = field(repr=False)
    """The template's name for the Jinja loader (relative to the library root)."""

    def paper(self, name: str) -> PaperSpec:
        spec = self.papers.get(name)  # type: ignore[call-overload]
        if spec is None:
            allowed = ", ".join(self.papers)
            raise FormNotAvailable(
                self.form.value,
                f"paper {name} is not allowed (allowed: {allowed})",
                f"khổ giấy {name} không được phép cho mẫu này (được phép: {allowed})",
            )
        return spec


class FormLibrary:
    """Every installed form version under one folder, with its compiled templates cached."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(root)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._env.filters.update(
            vn_date=formatting.vn_date,
            vn_datetime=formatting.vn_datetime,
            document_form=formatting.document_form_vi,
            or_dots=formatting.or_dots,
            multiline=_multiline,
        )
        self._env.globals.update(
            qr_code=QR_PLACEHOLDER,
            place_date=formatting.vn_place_date,
            applicant_title=applicant_title,
            DOTS=formatting.DOTS,
        )
        self._versions: dict[FormId, tuple[FormVersion, ...]] = {}

    def versions(self, form: FormId) -> tuple[FormVersion, ...]:
        """All versions of ``form``, oldest first."""
        if form not in self._versions:
            self._versions[form] = self._load_versions(form)
        return self._versions[form]

    def version_for(self, form: FormId, on: date) -> FormVersion:
        """The version in force on ``on``.

        A date before the oldest version uses the oldest one: the forms we ship start with
        the circular in force when the app was built, and refusing to reprint an older
        dossier would help nobody.
        """
        versions = self.versions(form)
        in_force = [
            version
            for version in versions
            if version.effective_from <= on
            and (version.effective_to is None or on <= version.effective_to)
        ]
        if in_force:
            return in_force[-1]
        if on < versions[0].effective_from:
            return versions[0]
        raise form_not_in_force(form.value, on)

    def render_html(self, context: SlipContext, paper: str) -> tuple[str, PaperSpec]:
        """The slip's HTML and the paper it is laid out on."""
        version = self.version_for(context.form, context.document_date)
        spec = version.paper(paper)
        try:
            template = self._env.get_template(version.template_name)
            html = template.render(slip=context, page=spec, form=version)
        except jinja2.TemplateError as error:
            raise TemplateProblem(
                version.folder / TEMPLATE_FILE,
                f"{type(error).__name__}: {error}",
                f"{type(error).__name__}: {error}",
            ) from error
        return html, spec

    def _load_versions(self, form: FormId) -> tuple[FormVersion, ...]:
        folder = self.root / form.value
        found = (
            sorted(p for p in folder.iterdir() if (p / FORM_FILE).is_file())
            if folder.is_dir()
            else []
        )
        if not found:
            raise FormNotAvailable(
                form.value,
                f"no template is installed in {folder}",
                f"chưa cài mẫu in trong thư mục {folder}",
            )
        versions = sorted(
            (self._load_version(form, version_folder) for version_folder in found),
            key=lambda version: version.effective_from,
        )
        return tuple(versions)

    def _load_version(self, form: FormId, folder: Path) -> FormVersion:
        path = folder / FORM_FILE
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            effective_from = date.fromisoformat(raw["effective_from"])
            effective_to = (
                date.fromisoformat(raw["effective_to"]) if raw.get("effective_to") else None
            )
            papers = {name: _paper_spec(name, spec) for name, spec in dict(raw["papers"]).items()}
            title = str(raw["title"])
            legal_basis = str(raw.get("legal_basis", ""))
            declared_form = raw["form"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise TemplateProblem(path, f"{type(error).__name__}: {error}") from error
        if declared_form != form.value:
            raise TemplateProblem(
                path,
                f"declares form {declared_form!r} but lives in the folder of {form.value}",
                f"khai báo mẫu «{declared_form}» nhưng nằm trong thư mục của {form.value}",
            )
        if folder.name != effective_from.isoformat():
            raise TemplateProblem(
                path,
                f"effective_from {effective_from.isoformat()} differs from its folder name",
                f"ngày hiệu lực {effective_from.isoformat()} khác tên thư mục {folder.name}",
            )
        if not (folder / TEMPLATE_FILE).is_file():
            raise TemplateProblem(folder / TEMPLATE_FILE, "the template file is missing")
        return FormVersion(
            form=form,
            effective_from=effective_from,
            effective_to=effective_to,
            title=title,
            legal_basis=legal_basis,
            papers=papers,
            folder=folder,
            template_name=f"{form.value}/{folder.name}/{TEMPLATE_FILE}",
        )


def _multiline(text: str) -> Markup:
    """Typed text with its line breaks kept (each line escaped)."""
    return Markup("<br />").join(line for line in str(text).strip().splitlines())


def _paper_spec(name: str, raw: dict[str, Any]) -> PaperSpec:
    if name not in PAPERS:
        raise ValueError(f"unknown paper size {name!r} (known: {', '.join(PAPERS)})")
    margins = raw["margins_mm"]
    return PaperSpec(
        name=name,  # type: ignore[arg-type]
        font_pt=float(raw["font_pt"]),
        margins_mm=Margins(
            top=float(margins["top"]),
            right=float(margins["right"]),
            bottom=float(margins["bottom"]),
            left=float(margins["left"]),
        ),
        qr_mm=float(raw["qr_mm"]),
    )


def shipped_forms_root() -> Path:
    """``resources/forms`` of the installed package."""
    return Path(str(importlib.resources.files("resources").joinpath("forms")))


@functools.cache
def default_library() -> FormLibrary:
    """The shipped forms, loaded once per process."""
    return FormLibrary(shipped_forms_root())
