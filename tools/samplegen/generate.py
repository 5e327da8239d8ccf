"""Entry point: build the whole corpus and write it under a directory."""
from __future__ import annotations

from pathlib import Path

from .corpus import Corpus

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_logs"


def build_corpus() -> Corpus:
    """Every sample file, in a fixed order (pure: no filesystem access)."""
    # local imports keep ``import tools.samplegen`` cheap
    from . import corpus_containers, corpus_day, corpus_rules, corpus_shapes, corpus_transcripts, readme

    corpus = Corpus()
    corpus_day.add_day(corpus)
    corpus_shapes.add_shapes(corpus)
    corpus_containers.add_containers(corpus)
    corpus_transcripts.add_transcripts(corpus)
    corpus_rules.add_rules(corpus)
    readme.add_readme(corpus)
    return corpus


def generate_all(out_dir: Path | str = SAMPLE_DIR) -> Corpus:
    """Write every sample under ``out_dir`` and return what was written."""
    corpus = build_corpus()
    corpus.write(Path(out_dir))
    return corpus
