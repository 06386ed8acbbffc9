"""E-mail alerts ("Follow by e-mail") on the policy lists: readers' tools, beside the editors'.

`lists` (a followed list: its filters, rows, words and URL), `tokens` (the signed confirm and
unsubscribe links), `signup` (the form and the double opt-in), `mail` (the messages and their
headers) and `digests` (what `manage.py send_alerts` sends, one transaction per subscription).
The list engine (policies.listing) knows nothing of this package.
"""
