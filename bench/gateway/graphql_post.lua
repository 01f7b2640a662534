-- wrk script: POSTs one GraphQL request over and over. The body comes from the environment
-- (BENCH_BODY, JSON {"query": ...}); BENCH_TOKEN, when set, is sent as a Bearer token.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
