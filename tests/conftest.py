import sys
from pathlib import Path

# Test helpers (evidence builders, git site builders) live beside the tests.
sys.path.insert(0, str(Path(__file__).parent))
