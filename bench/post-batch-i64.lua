-- POST /memories/{id}/batch: one batch of BATCH (default 100) i64 writes at offsets 0, 8, 16 …
-- (given as decimal strings, as PUT …/values/i64 is in bench/put-i64.lua).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "wrk-report.lua")

local count = tonumber(os.getenv("BATCH") or "100")
local ops = {}
for i = 0, count - 1 do
  ops[#ops + 1] = string.format(
    '{"op":"setValue","type":"i64","offset":%d,"value":"-1234567890123456789"}', i * 8)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"operations":[' .. table.concat(ops, ",") .. ']}'
