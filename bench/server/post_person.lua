-- wrk script: POST /v1/people with a new person each time (a write: validation, insert, audit).
-- The Authorization header given to wrk with -H is kept.
local n = 0
request = function()
  n = n + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  local body = '{"names":[{"text":"ベンチ 太郎 ' .. n .. '","script":"other","kind":"legal"}]}'
  return wrk.format("POST", "/v1/people", headers, body)
end
