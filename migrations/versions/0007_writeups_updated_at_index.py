"""writeups updated_at index (content version of the anonymous page cache)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 20:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('writeups', schema=None) as batch_op:
        batch_op.create_index('ix_writeups_updated_at', ['updated_at'], unique=False)


def downgrade():
    with op.batch_alter_table('writeups', schema=None) as batch_op:
        batch_op.drop_index('ix_writeups_updated_at')
