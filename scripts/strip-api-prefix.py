#!/usr/bin/env python3
"""Takes the leading /api off every path of an OpenAPI document, in place (scripts/import-api.sh: the API Management
API's URL suffix is already `api`). Fails when a path does not start with /api/ or two paths would collide."""
import json
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    document = json.load(f)
paths = {}
for template, item in document["paths"].items():
    if not template.startswith("/api/"):
        sys.exit(f"{template}: every path of the app starts with /api/")
    stripped = template[len("/api"):]
    if stripped in paths:
        sys.exit(f"{template}: {stripped} twice")
    paths[stripped] = item
document["paths"] = paths
document.pop("servers", None)  # the service URL comes from --service-url
with open(path, "w", encoding="utf-8") as f:
    json.dump(document, f, ensure_ascii=False)
print(f"{len(paths)} paths without their /api prefix")
