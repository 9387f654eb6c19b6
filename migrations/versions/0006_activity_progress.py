"""activity progress: monthly people reached per activity, moderated like every submission

A new table only: the activities' own reached_* figures stay where they are and remain each
activity's figure until it has approved monthly reports (nothing is moved or lost).

Revision ID: 0006_activity_progress
Revises: 0005_area_hierarchy
Create Date: 2026-11-29 22:40:16.607297

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_activity_progress'
down_revision = '0005_area_hierarchy'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activity_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('reached_total', sa.Integer(), nullable=False),
    sa.Column('reached_women', sa.Integer(), nullable=True),
    sa.Column('reached_men', sa.Integer(), nullable=True),
    sa.Column('reached_girls', sa.Integer(), nullable=True),
    sa.Column('reached_boys', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('review_state', sa.String(length=20), nullable=False),
    sa.Column('is_published', sa.Boolean(), nullable=False),
    sa.Column('proposal', sa.JSON(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('coalesce(reached_women, 0) + coalesce(reached_men, 0) + coalesce(reached_girls, 0) + coalesce(reached_boys, 0) <= reached_total', name=op.f('ck_activity_progress_parts_within_total')),
    sa.CheckConstraint('reached_total >= 0 and coalesce(reached_women, 0) >= 0 and coalesce(reached_men, 0) >= 0 and coalesce(reached_girls, 0) >= 0 and coalesce(reached_boys, 0) >= 0', name=op.f('ck_activity_progress_people_positive')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_progress_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_activity_progress_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_activity_progress_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_activity_progress_org_id_organisation')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user_account.id'], name=op.f('fk_activity_progress_submitted_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_progress')),
    sa.UniqueConstraint('activity_id', 'month', name='uq_activity_progress_month')
    )
    with op.batch_alter_table('activity_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_progress_is_published'), ['is_published'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_progress_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_progress_review_state'), ['review_state'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_progress_submitted_at'), ['submitted_at'], unique=False)



def downgrade():
    with op.batch_alter_table('activity_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_progress_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_activity_progress_review_state'))
        batch_op.drop_index(batch_op.f('ix_activity_progress_org_id'))
        batch_op.drop_index(batch_op.f('ix_activity_progress_is_published'))

    op.drop_table('activity_progress')
