"""rolecheck: read a job posting and say what the job really is, from its duties.

    from classifier import classify, load_model, Classifier
    result = classify(text, title="Product Owner")
    result.role, result.verdict, result.to_dict()
"""
from .api import Classifier, Evidence, Result, classify, load_model
from .errors import InputError, ModelError, RolecheckError, UnsupportedLanguageError, UsageError
from .read import Posting, read_file, read_posting

__version__ = "2026.11.2"
__all__ = ["Classifier", "Evidence", "Result", "classify", "load_model", "Posting", "read_file",
           "read_posting", "RolecheckError", "InputError", "ModelError", "UsageError",
           "UnsupportedLanguageError"]
