"""A job's seed may be unset (NULL): then the job runs with its spec's seed, a hash of the GDD.

Before, 0 stood for "unset", so a job could never run with seed 0. Existing rows keep their value:
0 in them meant "unset" too, so those become NULL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("seed", existing_type=sa.BigInteger(), nullable=True)
    op.execute("UPDATE jobs SET seed = NULL WHERE seed = 0")


def downgrade() -> None:
    op.execute("UPDATE jobs SET seed = 0 WHERE seed IS NULL")
    with op.batch_alter_table("jobs") as batch:
        batch.alter_column("seed", existing_type=sa.BigInteger(), nullable=False)
