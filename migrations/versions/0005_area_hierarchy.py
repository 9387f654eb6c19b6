"""areas: districts and sub-districts under governorates (parent, governorate, district)

Revision ID: 0005_area_hierarchy
Revises: 0004_resources
Create Date: 2026-11-29 22:50:00

Existing areas (governorates and countries) stay as they are, at the top level.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_area_hierarchy'
down_revision = '0004_resources'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('adm1_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('adm2_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_area_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_adm1_id'), ['adm1_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_area_adm2_id'), ['adm2_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_area_parent_id_area'), 'area', ['parent_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_area_adm1_id_area'), 'area', ['adm1_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_area_adm2_id_area'), 'area', ['adm2_id'], ['id'])
        batch_op.create_check_constraint(
            'kind_known', "kind in ('governorate', 'district', 'subdistrict', 'country')")


def downgrade():
    # Districts and sub-districts have no place in the older schema: links to them are
    # moved to their governorate first, so no activity, resource or organisation loses its place.
    for table in ('activity_area', 'resource_area', 'org_area'):
        owner = table.split('_')[0] + '_id'
        op.execute(f"""
            DELETE FROM {table} WHERE area_id IN (SELECT id FROM area WHERE adm1_id IS NOT NULL)
              AND EXISTS (SELECT 1 FROM {table} t2 JOIN area a ON a.id = {table}.area_id
                          WHERE t2.{owner} = {table}.{owner} AND t2.area_id = a.adm1_id)""")
        op.execute(f"""
            UPDATE {table} SET area_id = (SELECT adm1_id FROM area WHERE area.id = {table}.area_id)
            WHERE area_id IN (SELECT id FROM area WHERE adm1_id IS NOT NULL)""")
    op.execute("UPDATE area SET parent_id = NULL, adm1_id = NULL, adm2_id = NULL")
    op.execute("DELETE FROM area WHERE kind IN ('district', 'subdistrict')")
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_area_kind_known'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_area_adm2_id_area'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_area_adm1_id_area'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_area_parent_id_area'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_area_adm2_id'))
        batch_op.drop_index(batch_op.f('ix_area_adm1_id'))
        batch_op.drop_index(batch_op.f('ix_area_parent_id'))
        batch_op.drop_column('adm2_id')
        batch_op.drop_column('adm1_id')
        batch_op.drop_column('parent_id')
