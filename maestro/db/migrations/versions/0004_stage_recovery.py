"""Stage rows say when they last changed and how often the sweeper had to send them again.

The sweeper (``maestro.sweep``) moves on jobs whose task was lost: a chord join that a broker
restart dropped, a worker killed with its task, a message that vanished with a Redis that keeps
nothing on disk. To tell "waiting" from "lost" it needs the time of a row's last change, and to
stop re-sending a task that keeps getting lost it counts its rescues.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stage_runs") as batch:
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("rescues", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("stage_runs") as batch:
        batch.drop_column("rescues")
        batch.drop_column("updated_at")
