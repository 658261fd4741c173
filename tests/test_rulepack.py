"""Rule packs: validation with file:line:column for every error, merging, overrides, and the rules commands."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.rulepack import load_pack, load_rules


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=cwd)


def test_default_packs_load():
    rules = load_rules()
    assert {"default", "checks", "lexicon", "gazetteer"} <= set(rules.packs)
    assert [r.id for r in rules.rules] == sorted(r.id for r in rules.rules)
    assert rules.tolerance.rounding == 0.5


def test_every_error_is_reported_with_its_place(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "pack: bad\n"
        "rules:\n"
        "  - id: FC901\n"
        "    name: demo.rule\n"
        "    compare: same-measure\n"
        "    severity: eror\n"          # line 6, column 15
        "    colour: red\n",            # line 7: unknown key
        encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_pack(pack)
    lines = str(e.value).splitlines()
    assert lines[0].startswith(f"{pack}:6:15: rules.0.severity: 'eror' is not one of error, warning, info (did you mean 'error'?)")
    assert lines[1].startswith(f"{pack}:7:") and "rules.0.colour" in lines[1] and "did you mean" not in lines[1]
    assert len(lines) == 2


def test_a_mistyped_key_gets_the_key_it_meant(tmp_path):
    pack = tmp_path / "typo.yaml"
    pack.write_text("pack: t\nrules:\n  - id: FC900\n    name: x.y\n    compar: same-measure\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_pack(pack)
    assert f"{pack}:5:13: rules.0.compar: unknown key (a typo, or a key this section does not take; " \
           "did you mean 'compare'?)" in str(e.value)


def test_broken_yaml_names_the_place(tmp_path):
    pack = tmp_path / "broken.yaml"
    pack.write_text("pack: x\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_pack(pack)
    assert str(e.value).startswith(f"{pack}:3:1: invalid YAML")


def test_user_pack_adds_aliases_and_overrides_rules(tmp_path):
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "pack: team\n"
        "aliases: {Lusana: [the Lusana region]}\n"
        "overrides:\n"
        "  - {id: FC103, enabled: false}\n"
        "  - {id: FC101, severity: warning}\n", encoding="utf-8")
    rules = load_rules([pack])
    by_id = {r.id: r for r in rules.rules}
    assert by_id["FC103"].enabled is False and by_id["FC101"].severity == "warning"
    assert "the Lusana region" in rules.aliases["Lusana"]


def test_override_of_unknown_rule_is_an_error(tmp_path):
    pack = tmp_path / "team.yaml"
    pack.write_text("pack: team\noverrides:\n  - {id: FC999, enabled: false}\n", encoding="utf-8")
    with pytest.raises(InputError, match="FC999"):
        load_rules([pack])


def test_rules_list_and_validate_commands(tmp_path):
    out = _run("rules", "list")
    assert out.returncode == 0
    assert "FC101  numbers.same-measure" in out.stdout and "FC201  arithmetic.sum" in out.stdout
    # each rule with what it checks, from its pack
    lines = out.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("FC201"))
    assert lines[at + 1] == "       A total stated next to its parts must equal their sum within rounding."
    good = _run("rules", "validate", str(Path(__file__).parent / "cases" / "rules" / "history.yaml"))
    assert good.returncode == 0 and good.stdout.strip().endswith(": ok")
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: bad\nhedges: 5\n", encoding="utf-8")
    res = _run("rules", "validate", str(bad))
    assert res.returncode == 2
    assert res.stderr.strip() == f"{bad}:2:9: hedges: Input should be a valid tuple"


def test_check_with_a_broken_pack_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: bad\nqualifiers:\n  - {qualifier: roughly, phrases: [about]}\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("About 40 people died.\n", encoding="utf-8")
    res = _run("check", str(doc), "--rules", str(bad), "--no-report")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert f"{bad}:3:17: qualifiers.0.qualifier" in res.stderr  # "  - {qualifier: " is 16 characters


def test_reference_facts_from_a_pack(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Japan ruled the Korean peninsula from 1905 until 1945.\n", encoding="utf-8")
    res = _run("check", str(doc), "--rules", str(Path(__file__).parent / "cases" / "rules" / "history.yaml"),
               "--no-report", "--format", "json")
    assert res.returncode == 1
    assert '"relation":"reference"' in res.stdout and "Japanese rule of Korea" in res.stdout


RULE = "pack: p\nrules:\n  - id: FC901\n    name: demo.rule\n    kinds: [count]\n"


def _load_error(pack: Path, text: str) -> str:
    """The one-line error load_pack gives for a pack of this text."""
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_pack(pack)
    return str(e.value)


@pytest.mark.parametrize("tail,where,message", [
    ("    compare: summ\n", "6:14", "rules.0.compare: 'summ' is not one of same-measure, sum, points, elapsed, weekday, reference (did you mean 'sum'?)"),
    ("    compare: sum\n    params: {sentences: lots}\n", "7:25", "rules.0.params.sentences: Input should be a valid integer"),
    ("    compare: sum\n    params: {sentence: 3}\n", "7:24",
     "rules.0.params.sentence: unknown key (a typo, or a key this section does not take; did you mean 'sentences'?)"),
    ("    compare: sum\n    params: {max_gap: 2}\n", "7:23", "rules.0.params.max_gap: Input should be less than or equal to 1"),
    ("    compare: weekday\n    params: {sentences: 2}\n", "7:25", "rules.0.params.sentences: unknown key (a typo, or a key this section does not take)"),
])
def test_a_rules_comparison_and_parameters_are_checked_where_they_stand(tmp_path, tail, where, message):
    # once `rules validate` called these ok and `check` crashed on them (exit 3)
    pack = tmp_path / "p.yaml"
    assert _load_error(pack, RULE + tail).startswith(f"{pack}:{where}: {message}")
    r = _run("check", str(tmp_path), "--rules", str(pack), "--no-report", "--no-cache", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith(f"factcheck: error: {pack}:{where}: ")


def test_every_comparison_a_pack_may_name_is_implemented():
    from factcheck.engine import COMPARISONS
    from factcheck.rulepack import PARAMS
    assert set(PARAMS) == set(COMPARISONS)


def test_a_key_given_twice_in_a_pack_is_an_error_at_its_place(tmp_path):
    # yaml.safe_load keeps the last of two equal keys: a second `release:` once replaced the first
    pack = tmp_path / "dup.yaml"
    text = "pack: x\npredicates:\n  release: [release]\n  win: [won]\n  release: [ship]\n"
    assert _load_error(pack, text) == f"{pack}:5:3: invalid YAML: duplicate key 'release'"


def test_an_alias_in_a_pack_is_an_error_not_a_billion_laughs(tmp_path, billion_laughs):
    pack = tmp_path / "bomb.yaml"
    assert _load_error(pack, "pack: x\n" + billion_laughs) == \
        f"{pack}:3:8: invalid YAML: aliases (*name) are not allowed in a rule pack"


def test_rules_validate_reads_a_folder_as_check_does(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "a.yaml").write_text(RULE + "    compare: sum\n", encoding="utf-8")
    r = _run("rules", "validate", str(packs))
    assert r.returncode == 0 and r.stdout == f"{packs / 'a.yaml'}: ok\n"
    (packs / "b.yaml").write_text(RULE + "    compare: summ\n", encoding="utf-8")
    r = _run("rules", "validate", str(packs))
    assert r.returncode == 2 and r.stderr.startswith(f"{packs / 'b.yaml'}:6:14: ")
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _run("rules", "validate", str(empty))
    assert r.returncode == 2 and r.stderr == f"{empty}: no rule packs (.yaml, .yml) in this folder\n"


def test_a_sum_rules_cue_words_are_its_parameters():
    # the words that name a total are the pack's: with "all told" (as in the default pack) a split
    # that misses its total is a conflict; without it, nothing says the parts are the whole
    from factcheck.engine import judge_block
    from factcheck.frames import build_frames
    from factcheck.pipeline import claims_for, document_from_text

    rules = load_rules()
    doc = document_from_text("The two ferries carried 180 passengers all told: 70 passengers on one and "
                             "50 passengers on the other.", doc_id="a")
    claims = {"a": build_frames(doc, claims_for(doc, rules), rules)}

    def sums(rules):
        return [f.kind for f in judge_block({"a": doc}, claims, None, rules) if f.relation == "sum"]
    assert sums(rules) == ["conflict"]
    (rule,) = [r for r in rules.rules if r.compare == "sum"]
    assert "all told" in rule.params.total_words and "all told" in rule.params.total_after
    params = rule.params.model_copy(update={k: tuple(w for w in getattr(rule.params, k) if w != "all told")
                                            for k in ("total_words", "total_after")})
    fewer = rules.model_copy(update={"rules": tuple(r.model_copy(update={"params": params}) if r is rule else r
                                                    for r in rules.rules)})
    assert sums(fewer) == []


def test_a_sum_rules_change_share_and_member_words_are_its_parameters():
    # "up from about 80" (where a change started), "56 of the 622" (a share of the next figure)
    # and "health care alone" (one member's share) are read from the pack's words, and only them
    from factcheck.engine import sum_words

    (rule,) = [r for r in load_rules().rules if r.compare == "sum"]
    w = sum_words(rule.params)
    text = "Sales were 120 units, up from about 80 units, and 56 of the 622 stores, with Lusana alone adding 9."
    assert w.starting.search(text, 0, text.index("80"))
    assert w.starting.search("Sales fell to 90, down by 30", 0, 26)
    assert not w.starting.search(text, 0, text.index("120"))
    assert w.share.match(text, text.index("56") + 2) and not w.share.match(text, text.index("622") + 3)
    assert w.member.search(text, 0, text.index("9."))
    assert not w.member.search("with Lusana, Kora alone, adding 9", 0, 31)   # "alone" in another clause
    bare = sum_words(rule.params.model_copy(update={"change_leads": (), "share_words": (), "member_words": ()}))
    assert not bare.starting.search(text, 0, text.index("80"))
    assert not bare.share.match(text, text.index("56") + 2)
    assert not bare.member.search(text, 0, text.index("9."))
    # a capital starts another sentence: "Total ballots cast: 285,983\n\nOf the 492,226 voters"
    assert not w.share.match("285,983\n\nOf the 492,226", 7)
