"""Test that no value is lost through any order of upload, approval, return and undo (issue 13, item 4).

The rules (docs/inrapportering.md, "Godkännande, återsändning, ersättning och ångra"): every upload is a complete
return for its agency and year; an upload replaces that agency's earlier returns for the year that still await
review; approving or returning decides one submitted return; undoing a return is as if it had never been
uploaded, so the returns it replaced await review again. The views show, per value, the newest approved return
that holds it.

An independent model of those rules walks every sequence of up to four decisions on two returns A and B of the
same agency and year (B uploaded at some point after A), on top of an approved earlier return O; after every step
the approved and the current values in the database must equal the model's, and every refusal must be the
model's. Savepoints make each branch start from its parent's state.
"""

import io
from dataclasses import dataclass, field
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from okdata import db
from okdata.auth import Actor
from okdata.catalog import find_agency
from okdata.domain import Role
from okdata.history import rollback
from okdata.models import ImportBatch, Indicator, Observation
from okdata.returns import check_return, save_return
from okdata.review import review
from okdata.template import build_template
from tests.return_corpus import fill

TODAY = date(2026, 11, 24)
COORD = Actor("anna", "Anna Andersson", Role.COORDINATOR)
ROWS = range(20, 27)  # 3.6a … 8.6a: counts and a share the files change
EVENTS = ("approve A", "return A", "undo A", "upload B", "approve B", "return B", "undo B")


def _file(template: bytes, values: dict[int, float], comments: dict[int, str] | None = None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    fill(wb)
    for r, v in values.items():
        wb["Indikatorer"][f"J{r}"] = v
    for r, c in (comments or {}).items():
        wb["Indikatorer"][f"M{r}"] = c
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _kvv(url: str) -> tuple[bytes, Actor]:
    """Kriminalvården's 2025 template and its Rapportör."""
    with db.read_session(url) as s:
        kvv = find_agency(s, "KVV")
        template = build_template(s, kvv, 2025).content
    return template, Actor("karin", "Karin", Role.REPORTER, kvv.id, kvv.code, kvv.name)


@dataclass
class Model:
    """The rules, stated independently of the implementation: batch statuses and what the views show."""

    content: dict[str, dict] = field(default_factory=dict)  # batch -> {key: (value, comment)}
    status: dict[str, str] = field(default_factory=dict)
    replaced_by: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def upload(self, name: str, content: dict, approved: bool = False) -> str:
        for other in self.order:
            if self.status[other] == "submitted":
                self.status[other], self.replaced_by[other] = "replaced", name
        self.order.append(name)
        self.content[name], self.status[name] = content, "approved" if approved else "submitted"
        return "saved"

    def decide(self, name: str, to: str) -> str:
        if self.status[name] == "replaced":
            return "replaced"
        if self.status[name] != "submitted":
            return f"already_{self.status[name]}"
        self.status[name] = to
        return "ok"

    def undo(self, name: str) -> str:
        if self.status[name] == "rolled_back":
            return "already_rolled_back"
        self.status[name] = "rolled_back"
        # as if it had never been uploaded: the next upload after it that stands would have replaced them
        later = [o for o in self.order[self.order.index(name) + 1:] if self.status[o] != "rolled_back"]
        for other, by in list(self.replaced_by.items()):
            if by == name and self.status[other] == "replaced":
                if later:
                    self.replaced_by[other] = later[0]
                else:
                    self.status[other] = "submitted"
                    del self.replaced_by[other]
        return "ok"

    def view(self, statuses: tuple[str, ...]) -> dict:
        out = {}
        for name in self.order:  # newest wins
            if self.status[name] in statuses:
                out.update(self.content[name])
        return out


def _values(s, flag) -> dict:
    q = (select(Indicator.code, Observation.violence_type, Observation.category, Observation.value_num,
                Observation.value_text, Observation.comment)
         .join(Indicator, Indicator.id == Observation.indicator_id)
         .where(flag.is_(True), Observation.year == 2025))
    return {(c, vt, cat): (num if num is not None else txt, comment) for c, vt, cat, num, txt, comment in s.execute(q)}


def _stored_content(s, batch_id: int) -> dict:
    q = (select(Indicator.code, Observation.violence_type, Observation.category, Observation.value_num,
                Observation.value_text, Observation.comment)
         .join(Indicator, Indicator.id == Observation.indicator_id).where(Observation.batch_id == batch_id))
    return {(c, vt, cat): (num if num is not None else txt, comment) for c, vt, cat, num, txt, comment in s.execute(q)}


def test_every_order_of_upload_approve_return_and_undo_leaves_the_views_the_model_expects(empty_url):
    template, reporter = _kvv(empty_url)
    files = {
        "O": _file(template, {}),
        "A": _file(template, {r: 100 + r for r in ROWS if r not in (21, 22, 25)} | {21: 60}),
        # B: A's values with six comments changed and one value changed, as in the review's finding
        "B": _file(template, {r: 100 + r for r in ROWS if r not in (21, 22, 25)} | {21: 61},
                   {r: f"Rättad kommentar {r}" for r in (5, 6, 7, 8, 9, 20)}),
    }
    model, ids = Model(), {}
    checked = {"paths": 0}
    with db.session(empty_url) as s:
        o = save_return(s, files["O"], "O.xlsx", None, COORD, today=TODAY)
        assert o.outcome == "saved"
        ids["O"] = o.batch_id
        model.upload("O", _stored_content(s, o.batch_id), approved=True)
        a = save_return(s, files["A"], "A.xlsx", None, reporter, today=TODAY)
        assert a.outcome == "saved"
        ids["A"] = a.batch_id
        model.upload("A", _stored_content(s, a.batch_id))
        _agree(s, model, ids, "upload A")

        def walk(path: tuple[str, ...]) -> None:
            checked["paths"] += 1
            if len(path) == 4:
                return
            for event in EVENTS:
                if event.endswith("B") and "upload B" not in path and event != "upload B":
                    continue
                if event == "upload B" and "upload B" in path:
                    continue
                saved = (model.status.copy(), model.replaced_by.copy(), list(model.order), dict(ids))
                point = s.begin_nested()
                _apply(s, model, ids, event, files, reporter)
                _agree(s, model, ids, " → ".join((*path, event)))
                walk((*path, event))
                point.rollback()
                model.status, model.replaced_by, model.order, ids_restored = saved[0], saved[1], saved[2], saved[3]
                ids.clear()
                ids.update(ids_restored)
                model.content = {k: v for k, v in model.content.items() if k in model.order}

        walk(())

    assert checked["paths"] > 300, checked


def _apply(s, model: Model, ids: dict, event: str, files: dict, reporter: Actor) -> None:
    verb, name = event.split()
    if verb == "upload":
        result = save_return(s, files[name], f"{name}.xlsx", None, reporter, today=TODAY)
        assert result.outcome == "saved", (event, result.outcome, result.check.problems)
        ids[name] = result.batch_id
        assert model.upload(name, _stored_content(s, result.batch_id)) == "saved"
    elif verb == "undo":
        assert rollback(s, ids[name], COORD).code == model.undo(name), event
    else:
        outcome = review(s, ids[name], COORD, approve=verb == "approve", reason="Fel i 3.6a")
        assert outcome.code == model.decide(name, "approved" if verb == "approve" else "returned"), event


def _agree(s, model: Model, ids: dict, path: str) -> None:
    s.flush()
    statuses = {name: s.get(ImportBatch, batch).status for name, batch in ids.items()}
    assert statuses == {name: model.status[name] for name in ids}, path
    assert _values(s, Observation.is_approved) == model.view(("approved",)), path
    assert _values(s, Observation.is_current) == model.view(("approved", "submitted")), path


def test_the_reviews_finding_approving_b_and_returning_a_loses_nothing(empty_url):
    """Upload A, upload B (same values, six comments changed), approve B, return A: the approved view is B."""
    template, reporter = _kvv(empty_url)
    a_file = _file(template, {20: 300})
    b_file = _file(template, {20: 300}, {r: "Kommentar" for r in (5, 6, 7, 8, 9, 20)})
    with db.session(empty_url) as s:
        a = save_return(s, a_file, "A.xlsx", None, reporter, today=TODAY)
        b = save_return(s, b_file, "B.xlsx", None, reporter, today=TODAY)
        assert b.check.n_new == 22 and b.check.replaces == [a.batch_id]
        assert review(s, b.batch_id, COORD, approve=True).code == "ok"
        assert review(s, a.batch_id, COORD, approve=False, reason="dubblett").code == "replaced"
        approved = _values(s, Observation.is_approved)
        assert approved == _stored_content(s, b.batch_id) and len(approved) == 22


@pytest.mark.parametrize("third", ["reporter", "coordinator"])
def test_undoing_a_return_that_was_itself_replaced_leaves_the_one_it_replaced_replaced(empty_url, third):
    """A, then B (replaces A), then C (replaces B); undoing B brought A back to 'Inskickad' beside the newer C, and
    A could be approved ('syns nu i vyerna') over C. As if B had never been uploaded, C replaces A."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _file(template, {20: 100}), "A.xlsx", None, reporter, today=TODAY).batch_id
        b = save_return(s, _file(template, {20: 120}), "B.xlsx", None, reporter, today=TODAY).batch_id
        c = save_return(s, _file(template, {20: 150}), "C.xlsx", None,
                        reporter if third == "reporter" else COORD, today=TODAY).batch_id
        assert rollback(s, b, reporter).code == "ok"
        status = {i: s.get(ImportBatch, i) for i in (a, b, c)}
        assert status[a].status == "replaced" and status[a].replaced_by == c
        assert review(s, a, COORD, approve=True).code == "replaced"
        assert rollback(s, c, COORD).code == "ok"  # undoing C too: as if neither had been uploaded, A waits
        assert s.get(ImportBatch, a).status == "submitted" and s.get(ImportBatch, a).replaced_by is None


@pytest.mark.parametrize("middle", ["coordinator", "approved", "returned"])
def test_undoing_a_return_that_replaced_one_leaves_it_replaced_by_a_later_upload(empty_url, middle):
    """A waits; B (the Samordnare's for the agency, or the reporter's, then approved or returned) replaces A; C, the
    reporter's, waits. Undoing B brought A back to 'Inskickad' beside C, two waiting returns of one agency and year,
    and approving A put the value C left out in the views. As if B had never been uploaded, C replaces A."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _file(template, {20: 100}), "A.xlsx", None, reporter, today=TODAY).batch_id
        b = save_return(s, _file(template, {20: 120}), "B.xlsx", None,
                        COORD if middle == "coordinator" else reporter, today=TODAY).batch_id
        if middle != "coordinator":
            assert review(s, b, COORD, approve=middle == "approved", reason="fel").ok
        c = save_return(s, _without(template, value_rows=(26,)), "C.xlsx", None, reporter, today=TODAY).batch_id
        assert rollback(s, b, COORD).code == "ok"
        waiting = s.scalars(select(ImportBatch.id).where(ImportBatch.status == "submitted")).all()
        assert waiting == [c]
        assert s.get(ImportBatch, a).status == "replaced" and s.get(ImportBatch, a).replaced_by == c
        assert review(s, a, COORD, approve=True).code == "replaced"
        assert rollback(s, c, reporter).code == "ok"  # C undone too: as if neither had been uploaded, A waits
        assert s.get(ImportBatch, a).status == "submitted" and s.get(ImportBatch, a).replaced_by is None


def _without(template: bytes, value_rows: tuple[int, ...] = (), status_rows: tuple[int, ...] = ()) -> bytes:
    """The filled template with some values and some statuses left out."""
    wb = openpyxl.load_workbook(io.BytesIO(template))
    fill(wb)
    for r in value_rows:
        wb["Indikatorer"][f"J{r}"] = None
    for r in status_rows:
        wb["Åtgärder"][f"E{r}"] = wb["Åtgärder"][f"F{r}"] = None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("second", ["reporter", "coordinator"])
def test_a_new_return_that_leaves_out_what_the_waiting_one_holds_warns_of_each_before_replacing_it(empty_url, second):
    """The reporter submits A with every value and status; then B (by the reporter, or by the coordinator for the
    agency) without 3.6a's value and 2.8's status. B replaces A, so A's 3.6a = 30 and 2.8 'Pågående' could no longer
    be approved, and nothing said so. Now each is a warning to confirm; a save that did not confirm it saves nothing."""
    from okdata.returns import save_upload, warnings_said

    template, reporter = _kvv(empty_url)
    actor = reporter if second == "reporter" else COORD
    b_file = _without(template, value_rows=(20,), status_rows=(4,))
    with db.session(empty_url) as s:
        a = save_return(s, _without(template), "A.xlsx", None, reporter, today=TODAY).batch_id
    with db.read_session(empty_url) as s:
        check = check_return(s, b_file, "B.xlsx", "KVV", actor=actor, today=TODAY)
    assert not check.errors and check.replaces == [a]
    dropped = [p for p in check.warnings if p.code == "ERSATT_SAKNAR"]
    assert [(p.sheet, p.row) for p in dropped] == [("Indikatorer", None), ("Åtgärder", None)], check.problems
    value, status = (p.message for p in dropped)
    for said in (f"nr {a}", "3.6a", "2025", "30", "rad 20"):
        assert said in value, value
    for said in (f"nr {a}", "2.8", "2025", "Pågående", "rad 4"):
        assert said in status, status

    unseen = frozenset(w for w in warnings_said(check) if w[3] != "ERSATT_SAKNAR")
    refused = save_upload(empty_url, b_file, "B.xlsx", "KVV", actor, TODAY, 2025, check, confirmed=unseen)
    assert refused.outcome == "recheck" and refused.batch_id is None
    with db.read_session(empty_url) as s:
        assert s.get(ImportBatch, a).status == "submitted"
    saved = save_upload(empty_url, b_file, "B.xlsx", "KVV", actor, TODAY, 2025, check,
                        confirmed=warnings_said(check))
    assert saved.outcome == "saved"
    with db.read_session(empty_url) as s:
        assert s.get(ImportBatch, a).status == "replaced"


def test_a_new_return_that_repeats_everything_the_waiting_one_holds_warns_of_nothing_lost(empty_url):
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _without(template, value_rows=(20,)), "A.xlsx", None, reporter, today=TODAY).batch_id
        check = check_return(s, _file(template, {21: 36}), "B.xlsx", None, actor=reporter, today=TODAY)
    assert check.replaces == [a] and not [p for p in check.problems if p.code == "ERSATT_SAKNAR"]


def test_a_correction_that_leaves_out_an_approved_value_says_the_value_stays_in_the_views(empty_url):
    """An audit: Polisen's approved return had 999 in a row by mistake; the correction left that cell empty and
    said nothing, and the views went on showing 999 (a blank cell is 'not reported', not 'remove'). The preview
    now warns of each approved value and status of the agency's year that the file leaves out, with the return it
    came from, and how to take it away."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _without(template), "A.xlsx", "KVV", COORD, today=TODAY).batch_id
        assert s.get(ImportBatch, a).status == "approved"
    b_file = _without(template, value_rows=(20,), status_rows=(4,))
    with db.read_session(empty_url) as s:
        check = check_return(s, b_file, "B.xlsx", None, actor=reporter, today=TODAY)
    assert not check.errors
    kept = [p for p in check.warnings if p.code == "GODKANT_KVAR"]
    assert [(p.sheet, p.row) for p in kept] == [("Indikatorer", None), ("Åtgärder", None)], check.problems
    value, status = (p.message for p in kept)
    assert value.startswith(f"Den godkända inrapporteringen nr {a} har"), value
    for said in (f"nr {a}", "3.6a", "2025", "30", "rad 20", "ångra", "sidan Historik"):
        assert said in value, value
    for said in (f"nr {a}", "2.8", "Pågående"):
        assert said in status, status
    with db.read_session(empty_url) as s:  # the same file again, nothing left out: no warning
        again = check_return(s, _without(template), "A2.xlsx", None, actor=reporter, today=TODAY)
    assert not [p for p in again.problems if p.code == "GODKANT_KVAR"]


def test_undoing_says_how_much_of_the_return_the_views_showed_not_every_row_it_had(empty_url):
    """An audit: undoing an approved return of which a correction had replaced all but one value said '110 värden
    och 8 statusar togs bort ur vyerna', and so did undoing a returned upload, which the views never showed."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _without(template), "A.xlsx", "KVV", COORD, today=TODAY).batch_id
        b = save_return(s, _without(template, value_rows=(20,)), "B.xlsx", "KVV", COORD, today=TODAY).batch_id
        c = save_return(s, _file(template, {21: 37}), "C.xlsx", None, reporter, today=TODAY).batch_id
        assert review(s, c, COORD, approve=False, reason="Fel").code == "ok"
        n = len(_stored_content(s, a))
    with db.session(empty_url) as s:
        returned = rollback(s, c, COORD)
        assert returned.ok and "inget av det var godkänt och visat i vyerna" in returned.message, returned.message
        first = rollback(s, a, COORD)
    assert first.ok and first.value["shown"] == 1 and first.value["values"] == n > 1
    assert "ett av dem var godkänt och visat i vyerna" in first.message, first.message
    assert b


def test_the_advice_to_undo_an_approved_value_names_every_approved_return_that_would_show_it_again(empty_url):
    """An audit: a wrong 999 was approved in return A and again, unchanged, in return B; a correction left the
    cell empty. GODKANT_KVAR advised undoing B alone, and undoing B said its values 'are no longer shown' while
    the views showed A's 999 in their place. The warning now says that undoing B shows A's values for the same
    rows, and undoing says for how many rows an earlier approved value is shown again, and from which return."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(_file(template, {20: 999})))
        wb["Indikatorer"]["J21"] = None  # A holds no value of row 21's indicator; B does
        buf = io.BytesIO()
        wb.save(buf)
        a = save_return(s, buf.getvalue(), "A.xlsx", "KVV", COORD, today=TODAY).batch_id
        b = save_return(s, _file(template, {20: 999, 21: 55}), "B.xlsx", "KVV", COORD, today=TODAY).batch_id
        assert s.get(ImportBatch, b).status == "approved"
    with db.read_session(empty_url) as s:
        check = check_return(s, _without(template, value_rows=(20, 21)), "C.xlsx", None, actor=reporter,
                             today=TODAY)
    kept = [p.message for p in check.warnings if p.code == "GODKANT_KVAR"]
    assert len(kept) == 2 and all(k.startswith(f"Den godkända inrapporteringen nr {b} har") for k in kept), kept
    row20, row21 = sorted(kept, key=lambda k: "rad 21" in k)
    assert f"Ångras nr {b} visar vyerna i stället värdena från den tidigare godkända inrapporteringen nr {a}" \
        in row20, row20
    assert "Ångras" not in row21, row21  # undoing B leaves row 21's indicator with no value: said of row 20's only
    with db.session(empty_url) as s:
        undone = rollback(s, b, COORD)
        n = len(_stored_content(s, b)) + undone.value["statuses"]  # every value and status of B was shown
    assert undone.ok and undone.value["shown"] == n > 8 and undone.value["earlier"] == n - 1, undone.value
    assert f"För {n - 1} av dem visar vyerna nu i stället tidigare godkända värden och statusar från nr {a}." \
        in undone.message, undone.message
    with db.session(empty_url) as s:  # undoing A too: no approved 999 is left
        assert "tidigare godkända" not in rollback(s, a, COORD).message
        assert not s.scalars(select(Observation.id).where(Observation.is_approved.is_(True),
                                                         Observation.value_num == 999)).all()


def test_undoing_a_return_says_which_returns_it_replaced_wait_for_review_again(empty_url):
    """An audit: A waits, B (the reporter's correction) replaces it and is returned, and the reporter undoes B: the
    message said only "Inrapportering nr B är ångrad …", while A was back in Granska's queue (the audit log alone
    said so), and a Samordnare might approve figures the reporter thought were gone."""
    template, reporter = _kvv(empty_url)
    with db.session(empty_url) as s:
        a = save_return(s, _file(template, {20: 100}), "A.xlsx", None, reporter, today=TODAY).batch_id
        b = save_return(s, _file(template, {20: 120}), "B.xlsx", None, reporter, today=TODAY).batch_id
        assert review(s, b, COORD, approve=False, reason="fel").ok
        undone = rollback(s, b, reporter)
        assert undone.ok and s.get(ImportBatch, a).status == "submitted"
    assert f"nr {a}" in undone.message and "väntar nu på granskning igen" in undone.message, undone.message
    with db.session(empty_url) as s:
        c = save_return(s, _file(template, {20: 130}), "C.xlsx", None, reporter, today=TODAY).batch_id
        alone = rollback(s, c, reporter)  # C replaced A again; undone, A waits again and is named
        assert review(s, a, COORD, approve=False, reason="gammal").ok
        d = save_return(s, _file(template, {20: 140}), "D.xlsx", None, reporter, today=TODAY).batch_id
        plain = rollback(s, d, reporter)  # D replaced nothing that waited: no such sentence
    assert f"nr {a}" in alone.message and "väntar nu på granskning igen" not in plain.message, plain.message
