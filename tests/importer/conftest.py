from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
OVERVIEW = SEEDS / "000_05bc55230245a384.txt"
RELEASE_TRAFFICKING = SEEDS / "001_5ad4ddfa5634b5fc.txt"
RELEASE_BORDER_POLICE = SEEDS / "002_5f3313e36f722a22.txt"
PROJECT_LABOUR_MIGRATION = SEEDS / "003_325ad1888ae9bca3.txt"
PROJECT_DIASPORA = SEEDS / "004_eb3b73a0fae2549d.txt"
FIXTURES = sorted(str(path) for path in (Path(__file__).resolve().parents[2] / "fixtures").glob("*.json"))
# How the import's report names the records of the seeds: by their titles.
DIASPORA_LABEL = "projet « Mobilisation de la diaspora à l’appui du développement d’Haïti » (CD.0037)"
LABOUR_MIGRATION_LABEL = (
    "projet « Renforcement des capacités du Gouvernement haïtien en vue d’une gestion améliorée de la "
    "migration de main-d’œuvre et formulation d’accords en la matière » (L48-805)"
)
TRAFFICKING_LABEL = "communiqué « L'OIM intensifie ses efforts de lutte contre la traite sur Hispaniola »"
ABOUT_LABEL = "page « L'OIM en Haïti »"
IMPORTABLE_SEEDS = [RELEASE_TRAFFICKING, RELEASE_BORDER_POLICE, PROJECT_LABOUR_MIGRATION, PROJECT_DIASPORA]


@pytest.fixture
def seed_text():
    return lambda path: path.read_text(encoding="utf-8")
