-- PUT /memories/{id}/bytes?offset=… with 4096 raw bytes (application/octet-stream), non-zero so the
-- page stays materialised and every byte is really copied.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "wrk-report.lua")

local bytes = {}
for i = 1, 4096 do
  bytes[i] = string.char((i * 31 + 7) % 255 + 1)
end

wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.body = table.concat(bytes)
