"""Several models' maps of the same words in one frame: aligned by Procrustes, with per-word agreement."""

from .models import ModelMaps, compare_models
from .figure import models_figure

__all__ = ["ModelMaps", "compare_models", "models_figure"]
