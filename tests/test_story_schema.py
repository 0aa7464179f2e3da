"""The story file's schema: every mistake a story file can hold is refused with one line
that names the file, the fact and the key, with the nearest valid name; the commands print
that line and no traceback."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from helpers.cli import main
from helpers.compare.story import load_story
from helpers.model import InputError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_aljazeera_ar.txt"

COUNT = "facts:\n  - {id: deaths, kind: count, %s}\n"

# (story text, the exact reason after "FILE: ")
BAD = [
    ("facts: [", "not valid YAML at line 1"),
    ("title_ar: x\n", "a story needs a 'facts' list"),
    ("facts: []\n", "a story needs a 'facts' list"),
    ("factz: [{id: a}]\n", "unknown key 'factz' (did you mean 'facts'?)"),
    ("facts:\n  - {kind: count, unit: people}\n", "fact #1: each fact needs an 'id'"),
    ("facts:\n  - {id: a, kind: cont}\n", "fact 'a': kind must be one of count, presence, date, not 'cont' (did you mean 'count'?)"),
    (COUNT % "categroy: killed", "fact 'deaths': unknown key 'categroy' (did you mean 'category'?)"),
    (COUNT % "unit: peple", "fact 'deaths': unknown unit 'peple' (did you mean 'people'?); one of: people, soldiers, officers, generals, money, other"),
    (COUNT % "unit: people, category: [killed, wonded]", "fact 'deaths': unknown category 'wonded' (did you mean 'wounded'?); one of: killed, wounded, casualties, missing, captured, detained, displaced, rescued, evacuated, affected, deployed, pledged, spent, needed, other"),
    (COUNT % "unit: people, qualifier: aprox", "fact 'deaths': unknown qualifier 'aprox' (did you mean 'approx'?); one of: exact, approx, at_least, more_than, up_to"),
    (COUNT % "unit: money, currency: usd", "fact 'deaths': currency 'usd' is not a three-letter ISO code such as 'USD' (did you mean 'USD'?)"),
    (COUNT % "unit: money, currency: dollar", "fact 'deaths': currency 'dollar' is not a three-letter ISO code such as 'USD'"),
    (COUNT % "unit: people, pick: lastest", "fact 'deaths': unknown pick 'lastest' (did you mean 'latest'?); one of: largest, latest, first"),
    (COUNT % "unit: people, chart: bar", "fact 'deaths': unknown chart 'bar' (did you mean 'bars'?); one of: bars, over_time, none"),
    (COUNT % "unit: people, total: yes please", "fact 'deaths': 'total' must be true or false, not 'yes please'"),
    (COUNT % "unit: people, show_source: 1", "fact 'deaths': 'show_source' must be true or false, not 1"),
    (COUNT % "label_ar: x", "fact 'deaths': a count fact needs at least one of unit, group, category, currency, thing, place, source, event or 'mentions'"),
    (COUNT % "unit: [people, {a: b}]", "fact 'deaths': 'unit' must be a name or a list of names, not {'a': 'b'}"),
    (COUNT % "place: []", "fact 'deaths': 'place' is an empty list"),
    (COUNT % "mentions: {kind: quantity, unti: people}", "fact 'deaths': mentions: unknown key 'unti' (did you mean 'unit'?)"),
    (COUNT % "mentions: {kind: date}", "fact 'deaths': a quantity selector cannot select kind 'date'"),
    (COUNT % "unit: people, event: {word: [زلزال]}", "fact 'deaths': event: unknown key 'word' (did you mean 'words'?)"),
    (COUNT % "unit: people, event: {after: 8 Sept}", "fact 'deaths': 'event: after' must be a date written YYYY-MM-DD, not '8 Sept'"),
    (COUNT % "unit: people, event: {after: 2023-09-10, before: 2023-09-01}", "fact 'deaths': event: 'after' is later than 'before'"),
    (COUNT % "unit: people, event: {words: زلزال}", "fact 'deaths': 'event: words' must be a list of words"),
    (COUNT % "unit: people, event: {words: [a], side: behind}", "fact 'deaths': event: unknown side 'behind'; one of: either, after, before"),
    (COUNT % "unit: people, event: {words: [a], within: -1}", "fact 'deaths': 'event: within' must be a whole number, not -1"),
    (COUNT % "unit: people, event: {within: 3}", "fact 'deaths': event: 'within' and 'side' need 'words'"),
    (COUNT % "unit: people, event: 3", "fact 'deaths': 'event' must be a mapping (key: value lines), not 3"),
    (COUNT % "unit: people, label: {ar: x, fr: y}", "fact 'deaths': label: unknown key 'fr'; valid keys: ar, en"),
    (COUNT % "unit: people, source_from: death", "fact 'deaths': source_from names no fact ('death') (did you mean 'deaths'?)"),
    ("facts:\n  - {id: a, kind: count, unit: people}\n  - {id: a, kind: count, unit: people}\n", "fact 'a': fact ids must be unique"),
    ("facts:\n  - {id: a, kind: count, unit: people, source_from: p}\n  - {id: p, kind: presence, levels: [{value: x, mentions: {kind: clause}}]}\n",
     "fact 'a': source_from must name a count fact"),
    ("facts:\n  - {id: p, kind: presence}\n", "fact 'p': a presence fact needs 'levels'"),
    ("facts:\n  - {id: p, kind: presence, levels: [{mentions: {kind: clause}}]}\n", "fact 'p': each level needs a 'value' and 'mentions'"),
    ("facts:\n  - {id: p, kind: presence, levels: [{value: x, mention: {kind: clause}}]}\n", "fact 'p': level 'x': unknown key 'mention' (did you mean 'mentions'?)"),
    ("facts:\n  - {id: p, kind: presence, levels: [{value: x, mentions: {kind: clauses}}]}\n", "fact 'p': level 'x': mentions: unknown kind 'clauses' (did you mean 'clause'?); one of: quantity, date, article_ref, clause"),
    ("facts:\n  - {id: p, kind: presence, source: nobody, levels: [{value: x, mentions: {kind: clause}}]}\n", "fact 'p': unknown source 'nobody'; one of: attribution, none"),
    ("facts:\n  - {id: p, kind: presence, pick: first, levels: [{value: x, mentions: {kind: clause}}]}\n", "fact 'p': unknown key 'pick'"),
    ("facts:\n  - {id: d, kind: date}\n", "fact 'd': a date fact needs 'cues'"),
    ("facts:\n  - {id: d, kind: date, cues: [{groups: []}]}\n", "fact 'd': each cue set needs 'groups', lists of words or {instrument: KIND}"),
    ("facts:\n  - {id: d, kind: date, cues: [{groups: [[a]], whithin: 3}]}\n", "fact 'd': cues: unknown key 'whithin' (did you mean 'within'?)"),
    ("facts:\n  - {id: d, kind: date, cues: [{groups: [[a]], within: near}]}\n", "fact 'd': 'within' must be a whole number, not 'near'"),
    ("facts:\n  - {id: d, kind: date, cues: [{groups: [[a]]}], context: {word: [b]}}\n", "fact 'd': context: unknown key 'word' (did you mean 'words'?)"),
    ("facts:\n  - {id: d, kind: date, chart: bars, cues: [{groups: [[a]]}]}\n", "fact 'd': unknown chart 'bars'; one of: timeline, none"),
    ("facts:\n  - {id: d, kind: date, part: ending, cues: [{groups: [[a]]}]}\n", "fact 'd': unknown part 'ending' (did you mean 'end'?); one of: start, end"),
    ('facts:\n  - {id: d, kind: date, cues: [{groups: [["،"]]}]}\n', "fact 'd': '،' has no word in it"),
    (COUNT % "unit: people" + "sections: {matrx: {text: x}}\n", "sections: unknown key 'matrx' (did you mean 'matrix'?)"),
    (COUNT % "unit: people" + "sections: {matrix: {txt: x}}\n", "section 'matrix': unknown key 'txt' (did you mean 'text'?)"),
    (COUNT % "unit: people" + "title: {ar: x, eng: y}\n", "story: title: unknown key 'eng' (did you mean 'en'?)"),
    (COUNT % "unit: people" + "date_rules: {max_distanse: 3}\n", "date_rules: unknown key 'max_distanse' (did you mean 'max_distance'?)"),
    (COUNT % "unit: people" + "date_rules: {max_distance: far}\n", "date_rules: 'max_distance' must be a whole number, not 'far'"),
]


@pytest.mark.parametrize("content, reason", BAD, ids=[r[:40] for _, r in BAD])
def test_every_mistake_is_one_line_naming_file_fact_and_key(tmp_path, content, reason):
    p = tmp_path / "x.yaml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_story(p)
    assert str(e.value) == f"{p}: {reason}"
    assert "\n" not in str(e.value)


def test_unreadable_and_missing_story_files(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match=r"cannot read the story \(UnicodeDecodeError\)$"):
        load_story(p)
    with pytest.raises(InputError, match="no such story file$"):
        load_story(tmp_path / "none.yaml")


@pytest.mark.parametrize("content, reason", [BAD[6], BAD[12], BAD[20], BAD[0]])
def test_extract_prints_the_one_line_and_no_traceback(tmp_path, content, reason):
    p = tmp_path / "x.yaml"
    p.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", "--story", str(p), str(SEED)], out=out, err=err)
    assert code == 2 and out.getvalue() == ""
    assert err.getvalue() == f"error: {p}: {reason}\n"


def test_report_refuses_a_bad_story_before_running_anything(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text(BAD[6][0], encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["report", "--story", str(p), "--out", str(tmp_path / "r")], out=out, err=err)
    assert code == 2 and not (tmp_path / "r").exists()
    assert err.getvalue() == f"error: {p.resolve()}: {BAD[6][1]}\n"


def test_evaluate_refuses_a_bad_story(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text(BAD[6][0], encoding="utf-8")
    facts = tmp_path / "expected.csv"
    facts.write_text("doc,fact,value,qualifier,source\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["evaluate", "--facts", str(facts), "--story", str(p), str(tmp_path)], out=out, err=err)
    assert code == 2 and err.getvalue() == f"error: {p}: {BAD[6][1]}\n"


def test_the_shipped_stories_load():
    for path in sorted((ROOT / "stories").glob("*.yaml")):
        story = load_story(path)
        assert story.facts and story.title("ar") and story.title("en"), path.name


def test_readme_documents_every_key_and_name():
    from helpers.compare import schema as sc

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a story file"):]
    section = section[:section.index("\n## ", 5)]
    keys = set(sc.STORY_KEYS) | set(sc.EVENT_KEYS) | set(sc.CUE_KEYS) | set(sc.CONTEXT_KEYS) | set(sc.DATE_RULE_KEYS)
    for kind_keys in sc.FACT_KEYS.values():
        keys |= set(kind_keys)
    names = set(sc.UNITS) | set(sc.CATEGORIES) | set(sc.POLICIES) | set(sc.SECTIONS) | set(sc.QUALIFIERS)
    for charts in sc.CHARTS.values():
        names |= set(charts)
    missing = sorted(k for k in keys | names if f"`{k}`" not in section)
    assert not missing, missing
