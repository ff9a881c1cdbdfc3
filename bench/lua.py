"""wrk scripts: the no-op endpoint, and the command mix (open a case; record its first step)."""

from __future__ import annotations

DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.6f,"errors":%d,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\\n',
    summary.requests, summary.duration / 1e6, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""

NOOP = DONE

COMMANDS = (
    """
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer KEY"}
local open_body = '{"service_type":"rights_assistance","institution_id":"INSTITUTION",'
  .. '"client_id":"CLIENT","ip_type":"patent"}'
local step_body = '{"step":"need_collected","description":"外观设计被仿冒，需取证指导"}'
local opened = {}
local n = 0

request = function()
  n = n + 1
  if n % 2 == 0 and #opened > 0 then
    return wrk.format("POST", "/v1/cases/" .. table.remove(opened) .. "/steps", headers, step_body)
  end
  return wrk.format("POST", "/v1/cases", headers, open_body)
end

response = function(status, headers, body)
  if status == 201 then
    local id, version = body:match('"id":"([%x%-]+)","version":(%d+)')
    if id and version == "1" then table.insert(opened, id) end
  end
end
"""
    + DONE
)


def commands_script(key: str, institution: str, client: str) -> str:
    return COMMANDS.replace("KEY", key).replace("INSTITUTION", institution).replace("CLIENT", client)
