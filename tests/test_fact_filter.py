"""The learned fact filter: its artefact, what it keeps and drops, ``--no-filter``, and its training script.

Articles and gold facts here are written for the tests, not taken from the evaluation set.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from mercato.cli import app
from mercato.extract import engine, extract_documents
from mercato.extract.scorer import FEATURE_VERSION, MODEL_PATH, DocSignals, FactFilter, features, get_filter
from mercato.model import FACT_TYPES, Document, Evidence, Fact, Mention

mercato.cli._register()
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """AI labs keep hiring: Nvidia recruits from Cohere
Nvidia hired former Cohere researcher Priya Raman as head of research, the chipmaker said on Monday.
Microsoft invested $2 billion in Mistral AI for a 10% stake in the AI startup, the companies announced.
Anthropic poached Tomas Berg from Google DeepMind, according to people familiar with the matter.
"""


class _KB:
    """Knows two organizations and nobody else."""

    def canonical(self, name: str | None) -> str | None:
        return name if name in ("Nvidia", "Cohere") else None


def _artefact(proposals: dict | None = None, **changes: object) -> dict:
    model = {
        "bias": 0.0,
        "weights": {"move:known:to_org": 4.0, "move:one_word:person": -6.0},
        "thresholds": {"move": 0.5, "investment": None},
    }
    model.update(changes)
    return {
        "feature_version": FEATURE_VERSION,
        "filter": model,
        "proposals": proposals or {"bias": 0.0, "weights": {}, "thresholds": {}},
        "training": {"data": "written for the test"},
    }


def _move(person: str, to_org: str) -> Fact:
    sentence = f"{person} joined {to_org} last week."
    return Fact("move", {"person": person, "to_org": to_org, "status": "done"}, [Evidence(sentence, 0, len(sentence))])


def _signals() -> DocSignals:
    return DocSignals("en", 0.9, 200, [Mention("Nvidia", "org", 10, 16, "Nvidia")])


def test_shipped_artefact_loads_and_validates() -> None:
    model = FactFilter.load(MODEL_PATH)
    assert set(model.filter.thresholds) <= set(FACT_TYPES)
    assert model.filter.weights and model.proposals.weights, "trained models have weights"
    assert model.training["articles"] > 0
    assert set(model.proposals.thresholds) <= set(FACT_TYPES)
    assert get_filter() is not None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"extra": 1}, "exactly the keys"),
        ({"thresholds": {"move": 1.5}}, "threshold of move"),
        ({"thresholds": {"merger": 0.5}}, "thresholds must be keyed"),
        ({"weights": {"move:has:person": "high"}}, "weights"),
        ({"bias": float("nan")}, "bias"),
    ],
)
def test_malformed_artefact_is_an_error(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FactFilter.from_dict(_artefact(**changes))


def test_artefact_of_another_feature_version_is_an_error() -> None:
    with pytest.raises(ValueError, match="feature version"):
        FactFilter.from_dict({**_artefact(), "feature_version": FEATURE_VERSION + 1})
    with pytest.raises(ValueError, match="unknown keys"):
        FactFilter.from_dict({**_artefact(), "comment": "x"})


def test_proposals_are_accepted_above_their_threshold_only() -> None:
    pairing = {"bias": -1.0, "weights": {"org:marker=to_org": 3.0}, "thresholds": {"move": 0.6}}
    model = FactFilter.from_dict(_artefact(proposals=pairing))
    good, bad = _move("Priya Raman", "Nvidia"), _move("Tomas Berg", "Borealis")
    deal = Fact("investment", {"investor": "Borealis", "target": "Kestrel"}, [Evidence("x", 0, 1)])
    proposed = [(good, {"org:marker=to_org": 1.0}), (bad, {"org:marker=from_org": 1.0}), (deal, {})]
    assert model.accept(proposed) == [good]  # investment: no threshold, so no proposal accepted


def test_filter_drops_a_weak_fact_and_keeps_a_strong_one() -> None:
    model = FactFilter.from_dict(_artefact())
    strong, weak = _move("Priya Raman", "Nvidia"), _move("Raman", "Borealis")
    sig = _signals()
    assert model.filter.probability(features(strong, sig, _KB())) > 0.9
    assert model.filter.probability(features(weak, sig, _KB())) < 0.1
    assert model.keep([strong, weak], sig, _KB()) == [strong]


def test_types_without_a_threshold_pass_unfiltered() -> None:
    model = FactFilter.from_dict(_artefact(bias=-20.0))
    deal = Fact("investment", {"investor": "Borealis", "target": "Kestrel"}, [Evidence("x", 0, 1)])
    unit = Fact("unit", {"org": "Borealis", "name": "a new lab"}, [Evidence("y", 0, 1)])
    move = _move("Priya Raman", "Nvidia")
    assert model.keep([deal, unit, move], _signals(), _KB()) == [deal, unit]


def test_features_see_parties_evidence_and_document() -> None:
    fact = _move("Priya Raman", "Nvidia")
    fact.attrs["from_org"] = "Nvidia"
    feats = features(fact, _signals(), _KB(), same_type=3)
    assert feats["type=move"] == 1.0
    assert feats["move:known:to_org"] == 1.0
    assert "move:known:person" not in feats
    assert feats["move:same:from_org:to_org"] == 1.0
    assert feats["move:status=done"] == 1.0
    assert feats["move:lead:to_org"] == 1.0
    assert feats["relevance"] == 0.9


def _extract(tmp_path: Path, *flags: str) -> list[dict]:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--json", *flags, str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["facts"]


def test_no_filter_skips_only_the_filter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filter that rejects every move drops moves only; --no-filter gives them back, all else equal."""
    reject_moves = FactFilter.from_dict(_artefact(weights={}, bias=-20.0, thresholds={"move": 0.5}))
    assert reject_moves.proposals.thresholds == {}
    monkeypatch.setattr(engine, "get_filter", lambda: reject_moves)
    filtered = _extract(tmp_path)
    unfiltered = _extract(tmp_path, "--no-filter")
    assert any(f["type"] == "move" for f in unfiltered)
    assert not any(f["type"] == "move" for f in filtered)
    assert [f for f in unfiltered if f["type"] != "move"] == filtered
    keep_all = FactFilter.from_dict(_artefact(weights={}, thresholds={t: 0.0 for t in FACT_TYPES}))
    monkeypatch.setattr(engine, "get_filter", lambda: keep_all)
    assert _extract(tmp_path) == unfiltered


def test_extract_documents_reports_document_signals() -> None:
    doc = Document(source="a.txt", raw_text=ARTICLE, text=ARTICLE, lang="en")
    (ext,) = extract_documents([doc], filter_facts=False)
    assert ext.facts
    assert isinstance(ext.signals, DocSignals)
    assert ext.signals.lang == "en" and ext.signals.text_len == len(ARTICLE)
    assert ext.signals.count("Nvidia") >= 1


# A scorer with the interface the training script imports from the evaluation's score.py
# (TYPES, load_jsonl, score_file): here a predicted fact is right when gold has its type and key name.
STUB_SCORER = """
import json
from pathlib import Path
TYPES = ("move", "offer", "investment", "unit", "denial")
KEY = {"move": "person", "offer": "by_org", "investment": "target", "unit": "org", "denial": "speaker"}

def load_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]

def score_file(gold_facts, pred_facts, tally, attrs, detail):
    for kind in TYPES:
        gold = {str(g.get(KEY[kind])).split()[-1] for g in gold_facts if g.get("type") == kind}
        preds = [p for p in pred_facts if p.get("type") == kind]
        hits = set()
        for p in preds:
            name = str(p.get(KEY[kind])).split()[-1]
            if name in gold:
                tally[kind]["tp"] += name not in hits
                hits.add(name)
            else:
                tally[kind]["fp"] += 1
                detail["extra"].append(p)
        tally[kind]["fn"] += len(gold - hits)
"""

TRAIN_ARTICLES = {
    "a1.txt": (
        "Nvidia hired Priya Raman from Cohere as head of research, the chipmaker said.\n"
        "Anthropic poached Tomas Berg from Google DeepMind in a hiring spree.\n"
        "Microsoft invested $2 billion in Mistral AI, the companies announced.\n",
        [{"type": "move", "person": "Priya Raman", "to_org": "Nvidia"}],
    ),
    "a2.txt": (
        "Meta hired Lena Ortiz from OpenAI to lead its AI research lab.\n"
        "Google hired Kenji Mori from Anthropic, according to The Information.\n"
        "Amazon invested $4 billion in Anthropic, the companies said.\n",
        [{"type": "move", "person": "Kenji Mori", "to_org": "Google"}, {"type": "investment", "target": "Anthropic"}],
    ),
    "a3.txt": (
        "OpenAI hired Sara Lind from Apple as chief of staff, the AI company said.\n"
        "Apple hired Omar Haddad from Nvidia to run its AI chips team.\n",
        [{"type": "move", "person": "Sara Lind", "to_org": "OpenAI"}],
    ),
}


@pytest.mark.slow
def test_training_script_writes_a_loadable_artefact(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    train = tmp_path / "train"
    (train / "articles").mkdir(parents=True)
    rows = []
    for name, (text, facts) in TRAIN_ARTICLES.items():
        (train / "articles" / name).write_text(text, encoding="utf-8")
        rows.append(json.dumps({"file": name, "lang": "en", "facts": facts}))
    (train / "gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    scorer = tmp_path / "score.py"
    scorer.write_text(STUB_SCORER, encoding="utf-8")
    out = tmp_path / "model.json"

    spec = importlib.util.spec_from_file_location("train_fact_filter", ROOT / "scripts" / "train_fact_filter.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules["train_fact_filter"] = script
    spec.loader.exec_module(script)
    code = script.main([str(train), "--score", str(scorer), "--out", str(out), "--folds", "3", "--min-facts", "1"])

    assert code == 0
    model = FactFilter.load(out)
    assert model.training["articles"] == 3
    assert 0 < model.training["right"] < model.training["facts"]
    assert model.filter.weights
