"""The search index (policies/search/models.py), and what makes it searchable on each database:
PostgreSQL a stored generated tsvector column with a GIN index, SQLite an FTS5 table.

Fill it afterwards with `manage.py rebuild_search_index`.
"""

import django.db.models.deletion
from django.db import migrations, models

import policies.search.models

# Title words and CJK tokens weigh A, agency tags B, body C. The CJK columns come before the long
# English body so their positions (phrase search) stay under tsvector's 16,383 cap.
PG_VECTOR = """
    setweight(to_tsvector('english'::regconfig, title), 'A')
    || setweight(to_tsvector('simple'::regconfig, title_cjk), 'A')
    || setweight(to_tsvector('simple'::regconfig, tags), 'B')
    || setweight(to_tsvector('simple'::regconfig, body_cjk), 'C')
    || setweight(to_tsvector('english'::regconfig, body), 'C')
"""

PG_FORWARD = [
    f"ALTER TABLE policies_searchdocument ADD COLUMN vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    "CREATE INDEX search_document_vector_idx ON policies_searchdocument USING gin (vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE policies_searchdocument DROP COLUMN IF EXISTS vector",
]

# Its own copy of the text (not external content): the index code writes it explicitly, so a
# table rebuild by a later migration cannot leave it stale; the trigger only tidies deletions.
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE policies_searchdocument_fts USING fts5("
    "title, body, title_cjk, body_cjk, tags, "
    "tokenize = 'porter unicode61 remove_diacritics 0')",
    "CREATE TRIGGER policies_searchdocument_fts_delete AFTER DELETE ON policies_searchdocument "
    "BEGIN DELETE FROM policies_searchdocument_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS policies_searchdocument_fts_delete",
    "DROP TABLE IF EXISTS policies_searchdocument_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


create_engine_index = _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD})
drop_engine_index = _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0002_load_registry'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
                ('title_cjk', models.TextField(blank=True)),
                ('body_cjk', models.TextField(blank=True)),
                ('tags', models.TextField(blank=True)),
                ('brief', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='search_document', to='policies.brief')),
                ('news', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='search_document', to='policies.newsitem')),
                ('policy', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='search_document', to='policies.policy')),
            ],
        ),
        migrations.CreateModel(
            name='SearchDocumentFTS',
            fields=[
                ('document', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='fts', serialize=False, to='policies.searchdocument')),
                ('table', policies.search.models.FTS5Column(db_column='policies_searchdocument_fts')),
            ],
            options={
                'db_table': 'policies_searchdocument_fts',
                'managed': False,
                'required_db_vendor': 'sqlite',
            },
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('brief__isnull', True), ('news__isnull', True), ('policy__isnull', False)), models.Q(('brief__isnull', False), ('news__isnull', True), ('policy__isnull', True)), models.Q(('brief__isnull', True), ('news__isnull', False), ('policy__isnull', True)), _connector='OR'), name='search_document_one_record'),
        ),
        migrations.RunPython(create_engine_index, drop_engine_index),
    ]
