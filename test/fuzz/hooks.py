"""Hooks of the fuzzer (test/fuzz/openapi.fuzz.test.ts loads them with SCHEMATHESIS_HOOKS).

Two values of a request are not the client's to invent, so a generated one that the document allows is replaced by
what a real client sends; values the document refuses are left as generated, to test their rejection.
  - Idempotency-Key: a client makes a new key per intended operation. schemathesis repeats generated values, and a
    key repeated with another request is rightly refused (422); each request gets a fresh key instead.
  - cursor: the service makes it (a list's `nextCursor`); a client only sends one back. An invented cursor is
    rightly refused (400, tested in service-kit's pagination tests), so generated cursors are left out.
And one rule the documents cannot state: keys starting with `$` (or `__proto__`) are refused in any object of a
body, against operator injection (test/bad-input.int.test.ts). JSON Schema has no way to say it of free-form values,
so such keys are taken out of generated bodies.
"""

import re
import uuid

import schemathesis

KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,128}$")


def without_operator_keys(value):
    if isinstance(value, dict):
        return {
            key: without_operator_keys(item)
            for key, item in value.items()
            if not (isinstance(key, str) and (key.startswith("$") or key == "__proto__"))
        }
    if isinstance(value, list):
        return [without_operator_keys(item) for item in value]
    return value


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key" and isinstance(headers[name], str) and KEY.match(headers[name]):
            headers[name] = f"fuzz-{uuid.uuid4()}"
    query = case.query
    if isinstance(query, dict) and isinstance(query.get("cursor"), str) and 1 <= len(query["cursor"]) <= 2048:
        del query["cursor"]
    if isinstance(case.body, (dict, list)):
        case.body = without_operator_keys(case.body)
