"""One calibrated score per link: a logistic regression over the signals (kb.trace.signals).

The weights and the threshold are data, fitted on annotated threads by bench/fit_trace.py
(leave-one-thread-out cross-validation chooses the threshold; the same threshold serves every
thread) and stored in weights.json beside this module with how they were fitted.  Two models:
`direct` scores a passage against the seed alone; `chained` also weighs the `chain` signal, how
strongly the passage follows a link the direct model accepted in an earlier document.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass
class Model:
    """P(link) = sigmoid(bias + sum(weight * signal)); a link is kept at P >= threshold."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if len(self.features) != len(self.weights):
            raise ValueError(f"{len(self.features)} features but {len(self.weights)} weights")

    def probability(self, signals: dict[str, float]) -> float:
        # the weighted signals summed in the features' order (map: a trace computes this about a
        # million times at ingest, and a generator costs three times as much for the same sum)
        z = self.bias + sum(map(mul, self.weights, map(signals.get, self.features, repeat(0.0))))
        z = 30.0 if z > 30.0 else -30.0 if z < -30.0 else z  # = max(min(z, 30.0), -30.0)
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "weights": [round(w, 5) for w in self.weights],
                "bias": round(self.bias, 5), "threshold": round(self.threshold, 4)}

    @classmethod
    def from_dict(cls, d: dict) -> Model:
        return cls(tuple(d["features"]), tuple(float(w) for w in d["weights"]), float(d["bias"]),
                   float(d["threshold"]))


@dataclass
class Calibration:
    direct: Model
    chained: Model
    fitted: dict = field(default_factory=dict)  # how: data, date, cross-validated figures

    def to_dict(self) -> dict:
        return {"direct": self.direct.to_dict(), "chained": self.chained.to_dict(), "fitted": self.fitted}

    @classmethod
    def from_dict(cls, d: dict) -> Calibration:
        return cls(Model.from_dict(d["direct"]), Model.from_dict(d["chained"]), d.get("fitted", {}))


@lru_cache(maxsize=4)
def load(path: Path = WEIGHTS_FILE) -> Calibration:
    """The fitted calibration (a clear error if the data file is missing or damaged)."""
    try:
        return Calibration.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"trace calibration {path} cannot be read ({exc}); refit with bench/fit_trace.py") from None


def fit_logistic(rows: list[list[float]], labels: list[int], l2: float = 1.0, iterations: int = 50,
                 weights: list[float] | None = None) -> tuple[list[float], float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method, numpy)."""
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    sw = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    x1 = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(x1.shape[1])
    reg = l2 * np.eye(x1.shape[1])
    reg[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x1 @ beta, -30, 30)))
        grad = x1.T @ (sw * (p - y)) + reg @ beta
        hess = (x1 * (sw * p * (1 - p))[:, None]).T @ x1 + reg
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(b) for b in beta[:-1]], float(beta[-1])
