"""One Processing algorithm per zanplan command."""
from .budget import BudgetAlgorithm
from .layer_add import LayerAddAlgorithm
from .render import RenderAlgorithm
from .score import ScoreAlgorithm
from .sites import SitesAlgorithm

ALGORITHMS = (LayerAddAlgorithm, SitesAlgorithm, ScoreAlgorithm, BudgetAlgorithm, RenderAlgorithm)
