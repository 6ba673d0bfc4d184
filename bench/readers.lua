-- Readers for bench/run.py's churn scenario:
--   wrk -s bench/readers.lua http://127.0.0.1:PORT -- PATHS_FILE
-- PATHS_FILE has one path a line, popular pages many times over, already
-- shuffled; each thread walks it in a loop. Every response is tallied by its
-- X-Page-Cache header (hit, miss, or none for pages the cache does not serve)
-- and done() prints one line that bench/run.py parses:
--   page-cache: hit H miss M none N non-200 E
-- The tally slows wrk down a little (wrk hands each response to Lua), so
-- bench/run.py uses this same script for every run it compares.

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  -- Threads start far apart in the list, so they do not read the same pages in step.
  position = math.floor(#paths * thread_number / 8) % #paths
  hit, miss, none, non_200 = 0, 0, 0, 0
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status ~= 200 then
    non_200 = non_200 + 1
  end
  local answer = headers["X-Page-Cache"] or headers["x-page-cache"]
  if answer == "hit" then
    hit = hit + 1
  elseif answer == "miss" then
    miss = miss + 1
  else
    none = none + 1
  end
end

function done(summary, latency, requests)
  local totals = { hit = 0, miss = 0, none = 0, non_200 = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(string.format("page-cache: hit %d miss %d none %d non-200 %d\n",
    totals.hit, totals.miss, totals.none, totals.non_200))
end
