"""A job records why its notification could not be sent, instead of failing over it.

Before, a notification the broker refused (an unreachable broker, a queue name that is taken)
raised inside the build task: the build was retried and finally marked failed while the job
stayed succeeded. Now the job and its stages keep their real outcome and the reason the
submitter was not told goes here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("notify_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("notify_error")
