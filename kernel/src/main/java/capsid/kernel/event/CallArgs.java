package capsid.kernel.event;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.Resource;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import java.util.Arrays;
import java.util.List;

/**
 * A call's arguments as the call log writes them (docs/event-log.md, "The call
 * log"): decoded as the event log decodes them, flag words, signal names, type
 * words, so that a call that emits an event has, byte for byte, the event's
 * {@code args}. A value that decodes to no word (a bad signal, type or resource)
 * is written as its number in a string ({@code "7"}), as the event log writes
 * signal 0.
 */
public final class CallArgs {
    private CallArgs() {
    }

    /** The JSON object of {@code c}'s arguments. */
    public static String json(Call c) {
        return switch (c.sys()) {
            case FORK -> flags(((Call.Fork) c).flags());
            case EXIT -> Json.obj().put("code", ((Call.Exit) c).code()).toString();
            case WAIT -> {
                Call.Wait w = (Call.Wait) c;
                yield w.any() ? "{}" : Json.obj().put("pid", w.pid()).toString();
            }
            case KILL -> {
                Call.Kill k = (Call.Kill) c;
                yield Json.obj().put("pid", k.pid()).put("sig", Signals.name(k.sig())).toString();
            }
            case GETPID, GETPPID, GETHOSTNAME, JAIL, PIPE -> "{}";
            case UNSHARE -> flags(((Call.Unshare) c).flags());
            case NS_OPEN -> {
                Call.NsOpen o = (Call.NsOpen) c;
                NsType t = NsType.of(o.type());
                yield Json.obj().put("pid", o.pid()).put("type", t == null ? Integer.toString(o.type()) : t.word())
                        .toString();
            }
            case SETNS -> fd(((Call.SetNs) c).fd());
            case SETHOSTNAME -> Json.obj().put("name", ((Call.SetHostname) c).name()).toString();
            case CLOSE -> fd(((Call.Close) c).fd());
            case DUP -> fd(((Call.Dup) c).fd());
            case CONTAINER_CREATE -> {
                Call.ContainerCreate cc = (Call.ContainerCreate) c;
                yield Json.obj().put("name", cc.name()).putStrings("flags", Flags.words(cc.flags())).toString();
            }
            case FORK_INTO_CONTAINER -> fd(((Call.ForkIntoContainer) c).fd());
            case CONTAINER_DESTROY -> fd(((Call.ContainerDestroy) c).fd());
            case QUOTA_SET -> {
                Call.QuotaSet q = (Call.QuotaSet) c;
                yield limit(Json.obj().put("fd", q.fd()).put("resource", resource(q.resource())), "limit", q.limit());
            }
            case QUOTA_GET -> {
                Call.QuotaGet q = (Call.QuotaGet) c;
                yield Json.obj().put("fd", q.fd()).put("resource", resource(q.resource())).toString();
            }
            case QUOTA_DONATE -> {
                Call.QuotaDonate q = (Call.QuotaDonate) c;
                yield Json.obj().put("fd", q.fd()).put("resource", resource(q.resource())).put("amount", q.amount())
                        .toString();
            }
            case PROC_LIMIT -> limit(Json.obj(), "limit", ((Call.ProcLimit) c).limit());
            case UPCALL_SET -> {
                Call.UpcallSet u = (Call.UpcallSet) c;
                yield Json.obj().put("event", u.event()).put("program", u.program()).toString();
            }
            case REQUEST_KEY -> Json.obj().put("name", ((Call.RequestKey) c).name()).toString();
            case MKDIR -> Json.obj().put("path", ((Call.Mkdir) c).path()).toString();
            case OPEN -> {
                Call.Open o = (Call.Open) c;
                yield Json.obj().put("path", o.path()).put("mode", o.mode()).toString();
            }
            case READ -> {
                Call.Read r = (Call.Read) c;
                yield Json.obj().put("fd", r.fd()).put("count", r.count()).toString();
            }
            case WRITE -> {
                Call.Write w = (Call.Write) c;
                yield Json.obj().put("fd", w.fd()).put("data", w.data()).toString();
            }
            case UNLINK -> Json.obj().put("path", ((Call.Unlink) c).path()).toString();
            case MOUNT -> {
                Call.Mount m = (Call.Mount) c;
                yield Json.obj().put("source", m.source()).put("target", m.target()).put("type", m.type()).toString();
            }
            case UMOUNT -> {
                Call.Umount u = (Call.Umount) c;
                yield Json.obj().put("target", u.target()).put("lazy", u.lazy()).toString();
            }
            case CAP_DERIVE -> {
                Call.CapDerive d = (Call.CapDerive) c;
                Json j = Json.obj().put("fd", d.fd()).putStrings("rights", rights(d.rights()));
                yield (d.hasBadge() ? j.put("badge", d.badge()) : j).toString();
            }
            case CAP_GRANT -> {
                Call.CapGrant g = (Call.CapGrant) c;
                yield Json.obj().put("fd", g.fd()).put("pid", g.pid()).toString();
            }
            case CAP_REVOKE -> fd(((Call.CapRevoke) c).fd());
            case CAP_RIGHTS -> fd(((Call.CapRights) c).fd());
            case CAP_BADGE -> fd(((Call.CapBadge) c).fd());
            case SERVICE_ANNOUNCE -> Json.obj().put("name", ((Call.ServiceAnnounce) c).name()).toString();
            case SESSION_OPEN -> {
                Call.SessionOpen s = (Call.SessionOpen) c;
                yield Json.obj().put("name", s.name()).put("quota", s.quota()).toString();
            }
            case SESSION_CLOSE -> fd(((Call.SessionClose) c).fd());
            case FREEZE -> fd(((Call.Freeze) c).fd());
            case THAW -> fd(((Call.Thaw) c).fd());
            case FREEZER_STATE -> fd(((Call.FreezerState) c).fd());
            case CHECKPOINT -> {
                Call.Checkpoint k = (Call.Checkpoint) c;
                yield Json.obj().put("fd", k.fd()).put("path", k.path()).toString();
            }
            case RESTORE -> Json.obj().put("path", ((Call.Restore) c).path()).toString();
            case EXEC -> {
                Call.Exec e = (Call.Exec) c;
                Json j = Json.obj().put("program", e.program());
                yield j.raw("args", strings(e.args())).toString();
            }
        };
    }

    private static String flags(int flags) {
        return Json.obj().putStrings("flags", Flags.words(flags)).toString();
    }

    private static String fd(int fd) {
        return Json.obj().put("fd", fd).toString();
    }

    /** A JSON list of strings, any of them null; null for no list. */
    private static String strings(List<String> v) {
        if (v == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (v.get(i) == null) {
                sb.append("null");
            } else {
                Json.string(sb, v.get(i));
            }
        }
        return sb.append(']').toString();
    }

    private static String resource(int code) {
        Resource[] v = Resource.values();
        return code >= 0 && code < v.length ? v[code].word() : Integer.toString(code);
    }

    private static String limit(Json j, String key, long limit) {
        return (limit == Resource.MAX ? j.put(key, "max") : j.put(key, limit)).toString();
    }

    private static List<String> rights(int rights) {
        String r = Rights.render(rights & Rights.ALL);
        List<String> words = r.isEmpty() ? new java.util.ArrayList<>() : new java.util.ArrayList<>(Arrays.asList(
                r.split("\\|")));
        for (int i = 0; i < 32; i++) {
            if ((rights & ~Rights.ALL & (1 << i)) != 0) {
                words.add("0x" + Integer.toHexString(1 << i));
            }
        }
        return words;
    }
}
