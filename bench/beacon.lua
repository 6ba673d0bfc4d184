-- Readers' beacons for bench/run.py's counting scenario:
--   wrk -s bench/beacon.lua http://127.0.0.1:PORT -- IDS_FILE
-- IDS_FILE has one article id a line. Each request is a POST to /luot-doc/<id>/
-- from a new reader (X-Forwarded-For; the server trusts one proxy) with a
-- browser's user agent, so every beacon takes the counting path: a de-duplication
-- key set and a count added in Redis, never a refusal as a reload.

function init(args)
  ids = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      ids[#ids + 1] = line
    end
  end
  n = 0
end

function request()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  local reader = string.format(
    "10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256
  )
  return wrk.format("POST", "/luot-doc/" .. id .. "/", {
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
    ["X-Forwarded-For"] = reader,
    ["Content-Length"] = "0",
  })
end
