"""One unit's line in a round's ranking: a leaf module, so that ranking (which builds the
rows) and grades (which fills their grade and reasons) both import it and not each other."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class RankRow:
    scorecard_id: int
    round_id: int
    sheet_id: int
    unit: object
    status: str
    total: Decimal
    self_total: Decimal
    position: int
    tied: bool = False
    grade: str = ""
    grade_label: str = ""
    reason: str = ""
    targets: list = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        """Agreed minus self-scored: negative when the reviewer took points off."""
        return self.total - self.self_total
