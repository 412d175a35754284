"""One Processing algorithm per zanplan command."""
from .budget import BudgetAlgorithm
from .render import RenderAlgorithm
from .score import ScoreAlgorithm
from .sites import SitesAlgorithm

ALGORITHMS = (SitesAlgorithm, ScoreAlgorithm, BudgetAlgorithm, RenderAlgorithm)
