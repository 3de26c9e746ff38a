-- Replays pre-generated signed Hypetech requests, one line each:
--   path <TAB> hype-hash <TAB> json body
-- Thread t of n sends lines t, t+n, t+2n, ... (each request once, then wraps:
-- the wrap-around requests are resends, answered from the stored response).
-- args: <request file> [rate per second for all connections, 0 = as fast as possible]

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    local path, hash, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    table.insert(lines, {path = path, hash = hash, body = body})
  end
  nthreads = tonumber(os.getenv("WRK_THREADS") or "1")
  position = index - 1
  rate = tonumber(args[2] or "0")
  per_connection_ms = 0
  if rate > 0 then
    local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1")
    per_connection_ms = connections * 1000 / rate
  end
  statuses = {}
end

function request()
  local item = lines[(position % #lines) + 1]
  position = position + nthreads
  return wrk.format("POST", item.path, {
    ["Content-Type"] = "application/json",
    ["Hype-Hash"] = item.hash,
  }, item.body)
end

function delay()
  return per_connection_ms
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "statuses": {%s}, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), latency.max, table.concat(parts, ", "),
    errors.connect + errors.read + errors.write, errors.timeout))
end
