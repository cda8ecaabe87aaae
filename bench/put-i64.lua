-- PUT /memories/{id}/values/i64?offset=… with a JSON body (i64 given as a decimal string).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "wrk-report.lua")

wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"value":"-1234567890123456789"}'
