"""mail delivery: retries paced by time, give-up after days, claims with a lease

Revision ID: 0007_mail_delivery
Revises: 0006_activity_progress
Create Date: 2026-11-29 22:50:00

Existing mail keeps its history: it is queued and due from when it was written (or last tried);
unsent mail the old rule had abandoned after 20 attempts shows as failed, so the secretariat can
send it again.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_mail_delivery'
down_revision = '0006_activity_progress'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queued_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))

    outbox = sa.table('outbox_mail', sa.column('created_at'), sa.column('last_attempt_at'),
                      sa.column('sent_at'), sa.column('attempts'), sa.column('queued_at'),
                      sa.column('next_attempt_at'), sa.column('failed_at'))
    op.execute(outbox.update().values(
        queued_at=outbox.c.created_at,
        next_attempt_at=sa.func.coalesce(outbox.c.last_attempt_at, outbox.c.created_at)))
    op.execute(outbox.update()
               .where(outbox.c.sent_at.is_(None), outbox.c.attempts >= 20)
               .values(failed_at=sa.func.coalesce(outbox.c.last_attempt_at, outbox.c.created_at)))

    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.alter_column('queued_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column('next_attempt_at', existing_type=sa.DateTime(timezone=True),
                              nullable=False)
        batch_op.create_index(batch_op.f('ix_outbox_mail_next_attempt_at'), ['next_attempt_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_mail_next_attempt_at'))
        batch_op.drop_column('claim_token')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('failed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('queued_at')
