-- FreeSWITCH api_hangup_hook -> Textback. Runs when the caller's channel hangs up; with
-- session_in_hangup_hook=true the finished channel's variables are on the `env` event object.
-- Dialplan (before the bridge):
--   <action application="set" data="session_in_hangup_hook=true"/>
--   <action application="set" data="api_hangup_hook=lua textback_hangup.lua"/>
-- Reports through textback-call-event (same directory in contrib/pbx), which maps
-- originate_disposition (SUCCESS -> answered, NO_ANSWER/USER_BUSY/ORIGINATOR_CANCEL/... -> missed)
-- and reports nothing for a disposition it does not know.
local script = "/usr/local/bin/textback-call-event"
local url = "https://textback.example.com"      -- TEXTBACK_URL
local secret = "tbce_replace_me"                  -- TEXTBACK_CALL_EVENT_SECRET
local country_prefix = "+1"                       -- destination_number is national on most setups

local function var(name) return env:getHeader("variable_" .. name) or "" end
local function q(s) return "'" .. string.gsub(s, "'", "") .. "'" end

local did = var("destination_number")
if string.sub(did, 1, 1) ~= "+" then did = country_prefix .. did end
local cmd = "TEXTBACK_URL=" .. q(url) .. " TEXTBACK_CALL_EVENT_SECRET=" .. q(secret) .. " " .. script .. " " ..
  q(var("uuid")) .. " " .. q(var("caller_id_number")) .. " " .. q(did) .. " " .. q(var("originate_disposition")) .. " >/dev/null 2>&1 &"
os.execute(cmd)
