package capsid.scenario;

import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import capsid.kernel.call.NsType;
import capsid.kernel.call.OpenMode;
import capsid.kernel.call.Resource;
import capsid.kernel.call.Rights;
import capsid.kernel.call.Signals;
import capsid.kernel.call.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The two-way mapping between a call as a script writes it and the kernel's
 * {@link Call} record, for every {@link Sys} (ABI.md sections 1 and 3).
 *
 * <p>Argument conventions: flags, rights and open modes are a word, a flag set
 * {@code a|b} or an integer (raw bits; {@code 0} is none), words mapped with
 * {@link Flags#bit}, {@link Rights#bit} and {@link OpenMode#bits}, so an unknown
 * word reaches the kernel as an unknown bit and the kernel refuses it; signals,
 * namespace types and resources are a word ({@link Signals#number}, {@link
 * NsType#code}, {@link Resource#code}) or an integer; a limit is an integer or
 * {@code max}; strings are a word, a quoted string or an integer's text. A
 * missing, surplus or ill-typed argument, or an integer out of range, is a
 * script error naming its column.
 */
public final class CallSyntax {
    private static final String[] MODE_WORDS = {"r", "w", "create"};

    private CallSyntax() {
    }

    /** How a script writes {@code sys}, e.g. {@code kill PID SIG}. */
    public static String usage(Sys sys) {
        return switch (sys) {
            case FORK -> "fork [FLAGS]";
            case EXIT -> "exit CODE";
            case WAIT -> "wait [PID]";
            case KILL -> "kill PID SIG";
            case GETPID -> "getpid";
            case GETPPID -> "getppid";
            case UNSHARE -> "unshare FLAGS";
            case NS_OPEN -> "ns_open PID TYPE";
            case SETNS -> "setns FD";
            case SETHOSTNAME -> "sethostname NAME";
            case GETHOSTNAME -> "gethostname";
            case JAIL -> "jail";
            case CONTAINER_CREATE -> "container_create NAME FLAGS";
            case FORK_INTO_CONTAINER -> "fork_into_container FD";
            case CONTAINER_DESTROY -> "container_destroy FD";
            case QUOTA_SET -> "quota_set FD RESOURCE LIMIT";
            case QUOTA_GET -> "quota_get FD RESOURCE";
            case QUOTA_DONATE -> "quota_donate FD RESOURCE AMOUNT";
            case PROC_LIMIT -> "proc_limit N";
            case UPCALL_SET -> "upcall_set EVENT PROGRAM";
            case REQUEST_KEY -> "request_key NAME";
            case MKDIR -> "mkdir PATH";
            case OPEN -> "open PATH MODE";
            case READ -> "read FD N";
            case WRITE -> "write FD DATA";
            case CLOSE -> "close FD";
            case UNLINK -> "unlink PATH";
            case MOUNT -> "mount SOURCE TARGET TYPE";
            case UMOUNT -> "umount TARGET [lazy]";
            case PIPE -> "pipe";
            case DUP -> "dup FD";
            case CAP_DERIVE -> "cap_derive FD RIGHTS [BADGE]";
            case CAP_GRANT -> "cap_grant FD PID";
            case CAP_REVOKE -> "cap_revoke FD";
            case CAP_RIGHTS -> "cap_rights FD";
            case CAP_BADGE -> "cap_badge FD";
            case SERVICE_ANNOUNCE -> "service_announce NAME";
            case SESSION_OPEN -> "session_open NAME QUOTA";
            case SESSION_CLOSE -> "session_close FD";
            case FREEZE -> "freeze FD";
            case THAW -> "thaw FD";
            case FREEZER_STATE -> "freezer_state FD";
            case CHECKPOINT -> "checkpoint FD PATH";
            case RESTORE -> "restore PATH";
            case EXEC -> "exec PROGRAM [ARG...]";
        };
    }

    /**
     * The kernel call that script call {@code name} with {@code args} stands for,
     * or a script error. {@code args} must be resolved: no {@code $NAME} or
     * {@code @NAME} left ({@link Value.Int}, {@link Value.Word}, {@link Value.Str},
     * {@link Value.FlagSet} only). {@code callPos} is where the call's name was
     * written: an unknown call or a missing argument is reported there.
     */
    public static Checked<Call> toCall(String name, List<Value> args, Pos callPos) {
        Sys sys = Sys.byWord(name);
        if (sys == null) {
            return Checked.fail(callPos, "unknown call '" + name + "'");
        }
        ArgReader a = new ArgReader(usage(sys), callPos, args);
        try {
            Call call = decode(sys, a);
            a.end();
            return Checked.ok(call);
        } catch (ArgReader.BadArg bad) {
            return Checked.fail(bad.error);
        }
    }

    private static Call decode(Sys sys, ArgReader a) {
        return switch (sys) {
            case FORK -> new Call.Fork(a.more() ? a.bits("FLAGS", Flags::bit) : 0);
            case EXIT -> new Call.Exit(a.integer("CODE"));
            case WAIT -> a.more() ? Call.Wait.pid(a.integer("PID")) : Call.Wait.ANY;
            case KILL -> new Call.Kill(a.integer("PID"), a.code("SIG", Signals::number));
            case GETPID -> Call.GetPid.INSTANCE;
            case GETPPID -> Call.GetPpid.INSTANCE;
            case UNSHARE -> new Call.Unshare(a.bits("FLAGS", Flags::bit));
            case NS_OPEN -> new Call.NsOpen(a.integer("PID"), a.code("TYPE", NsType::code));
            case SETNS -> new Call.SetNs(a.integer("FD"));
            case SETHOSTNAME -> new Call.SetHostname(a.string("NAME"));
            case GETHOSTNAME -> Call.GetHostname.INSTANCE;
            case JAIL -> Call.Jail.INSTANCE;
            case CONTAINER_CREATE -> new Call.ContainerCreate(a.string("NAME"), a.bits("FLAGS", Flags::bit));
            case FORK_INTO_CONTAINER -> new Call.ForkIntoContainer(a.integer("FD"));
            case CONTAINER_DESTROY -> new Call.ContainerDestroy(a.integer("FD"));
            case QUOTA_SET -> new Call.QuotaSet(a.integer("FD"), a.code("RESOURCE", Resource::code),
                    a.limit("LIMIT"));
            case QUOTA_GET -> new Call.QuotaGet(a.integer("FD"), a.code("RESOURCE", Resource::code));
            case QUOTA_DONATE -> new Call.QuotaDonate(a.integer("FD"), a.code("RESOURCE", Resource::code),
                    a.wide("AMOUNT"));
            case PROC_LIMIT -> new Call.ProcLimit(a.limit("N"));
            case UPCALL_SET -> new Call.UpcallSet(a.string("EVENT"), a.string("PROGRAM"));
            case REQUEST_KEY -> new Call.RequestKey(a.string("NAME"));
            case MKDIR -> new Call.Mkdir(a.string("PATH"));
            case OPEN -> new Call.Open(a.string("PATH"), a.bits("MODE", OpenMode::bits));
            case READ -> new Call.Read(a.integer("FD"), a.wide("N"));
            case WRITE -> new Call.Write(a.integer("FD"), a.string("DATA"));
            case CLOSE -> new Call.Close(a.integer("FD"));
            case UNLINK -> new Call.Unlink(a.string("PATH"));
            case MOUNT -> new Call.Mount(a.string("SOURCE"), a.string("TARGET"), a.string("TYPE"));
            case UMOUNT -> new Call.Umount(a.string("TARGET"), a.keyword("lazy"));
            case PIPE -> Call.Pipe.INSTANCE;
            case DUP -> new Call.Dup(a.integer("FD"));
            case CAP_DERIVE -> capDerive(a);
            case CAP_GRANT -> new Call.CapGrant(a.integer("FD"), a.integer("PID"));
            case CAP_REVOKE -> new Call.CapRevoke(a.integer("FD"));
            case CAP_RIGHTS -> new Call.CapRights(a.integer("FD"));
            case CAP_BADGE -> new Call.CapBadge(a.integer("FD"));
            case SERVICE_ANNOUNCE -> new Call.ServiceAnnounce(a.string("NAME"));
            case SESSION_OPEN -> new Call.SessionOpen(a.string("NAME"), a.wide("QUOTA"));
            case SESSION_CLOSE -> new Call.SessionClose(a.integer("FD"));
            case FREEZE -> new Call.Freeze(a.integer("FD"));
            case THAW -> new Call.Thaw(a.integer("FD"));
            case FREEZER_STATE -> new Call.FreezerState(a.integer("FD"));
            case CHECKPOINT -> new Call.Checkpoint(a.integer("FD"), a.string("PATH"));
            case RESTORE -> new Call.Restore(a.string("PATH"));
            case EXEC -> new Call.Exec(a.string("PROGRAM"), a.rest("ARG"));
        };
    }

    private static Call capDerive(ArgReader a) {
        int fd = a.integer("FD");
        int rights = a.bits("RIGHTS", Rights::bit);
        boolean hasBadge = a.more();
        return new Call.CapDerive(fd, rights, hasBadge ? a.wide("BADGE") : 0, hasBadge);
    }

    /**
     * The script text of {@code call}: its name and arguments, canonical, such that
     * {@link #toCall} of the parsed text gives an equal call.
     *
     * @throws IllegalArgumentException for a call no script can write: a null
     *         string, a string with a char above 0xFF, {@code Wait} with {@code any}
     *         and a pid, {@code CapDerive} without a badge but a non-zero one
     */
    public static String format(Call call) {
        StringBuilder sb = new StringBuilder(call.sys().word());
        for (Value v : values(call)) {
            sb.append(' ').append(Printer.print(v));
        }
        return sb.toString();
    }

    /** The canonical argument values of {@code call} (see {@link #format}). */
    public static List<Value> values(Call call) {
        return switch (call.sys()) {
            case FORK -> fork((Call.Fork) call);
            case EXIT -> List.of(Value.Int.of(((Call.Exit) call).code()));
            case WAIT -> waitArgs((Call.Wait) call);
            case KILL -> kill((Call.Kill) call);
            case GETPID, GETPPID, GETHOSTNAME, JAIL, PIPE -> List.of();
            case UNSHARE -> List.of(flags(((Call.Unshare) call).flags()));
            case NS_OPEN -> nsOpen((Call.NsOpen) call);
            case SETNS -> fd(((Call.SetNs) call).fd());
            case SETHOSTNAME -> List.of(string(((Call.SetHostname) call).name()));
            case CONTAINER_CREATE -> List.of(string(((Call.ContainerCreate) call).name()),
                    flags(((Call.ContainerCreate) call).flags()));
            case FORK_INTO_CONTAINER -> fd(((Call.ForkIntoContainer) call).fd());
            case CONTAINER_DESTROY -> fd(((Call.ContainerDestroy) call).fd());
            case QUOTA_SET -> quotaSet((Call.QuotaSet) call);
            case QUOTA_GET -> List.of(Value.Int.of(((Call.QuotaGet) call).fd()),
                    resource(((Call.QuotaGet) call).resource()));
            case QUOTA_DONATE -> quotaDonate((Call.QuotaDonate) call);
            case PROC_LIMIT -> List.of(limit(((Call.ProcLimit) call).limit()));
            case UPCALL_SET -> List.of(string(((Call.UpcallSet) call).event()),
                    string(((Call.UpcallSet) call).program()));
            case REQUEST_KEY -> List.of(string(((Call.RequestKey) call).name()));
            case MKDIR -> List.of(string(((Call.Mkdir) call).path()));
            case OPEN -> List.of(string(((Call.Open) call).path()), mode(((Call.Open) call).mode()));
            case READ -> List.of(Value.Int.of(((Call.Read) call).fd()), Value.Int.of(((Call.Read) call).count()));
            case WRITE -> List.of(Value.Int.of(((Call.Write) call).fd()), string(((Call.Write) call).data()));
            case CLOSE -> fd(((Call.Close) call).fd());
            case UNLINK -> List.of(string(((Call.Unlink) call).path()));
            case MOUNT -> mount((Call.Mount) call);
            case UMOUNT -> umount((Call.Umount) call);
            case DUP -> fd(((Call.Dup) call).fd());
            case CAP_DERIVE -> capDerive((Call.CapDerive) call);
            case CAP_GRANT -> List.of(Value.Int.of(((Call.CapGrant) call).fd()),
                    Value.Int.of(((Call.CapGrant) call).pid()));
            case CAP_REVOKE -> fd(((Call.CapRevoke) call).fd());
            case CAP_RIGHTS -> fd(((Call.CapRights) call).fd());
            case CAP_BADGE -> fd(((Call.CapBadge) call).fd());
            case SERVICE_ANNOUNCE -> List.of(string(((Call.ServiceAnnounce) call).name()));
            case SESSION_OPEN -> List.of(string(((Call.SessionOpen) call).name()),
                    Value.Int.of(((Call.SessionOpen) call).quota()));
            case SESSION_CLOSE -> fd(((Call.SessionClose) call).fd());
            case FREEZE -> fd(((Call.Freeze) call).fd());
            case THAW -> fd(((Call.Thaw) call).fd());
            case FREEZER_STATE -> fd(((Call.FreezerState) call).fd());
            case CHECKPOINT -> List.of(Value.Int.of(((Call.Checkpoint) call).fd()),
                    string(((Call.Checkpoint) call).path()));
            case RESTORE -> List.of(string(((Call.Restore) call).path()));
            case EXEC -> exec((Call.Exec) call);
        };
    }

    private static List<Value> fd(int fd) {
        return List.of(Value.Int.of(fd));
    }

    private static List<Value> fork(Call.Fork f) {
        return f.flags() == 0 ? List.of() : List.of(flags(f.flags()));
    }

    private static List<Value> kill(Call.Kill k) {
        String sig = Signals.name(k.sig());
        boolean word = !Lexer.integer(sig) && Signals.number(sig) == k.sig();
        return List.of(Value.Int.of(k.pid()), word ? new Value.Word(sig, Pos.NONE) : Value.Int.of(k.sig()));
    }

    private static List<Value> nsOpen(Call.NsOpen o) {
        NsType t = NsType.of(o.type());
        return List.of(Value.Int.of(o.pid()), t == null ? Value.Int.of(o.type()) : new Value.Word(t.word(), Pos.NONE));
    }

    private static List<Value> quotaSet(Call.QuotaSet q) {
        return List.of(Value.Int.of(q.fd()), resource(q.resource()), limit(q.limit()));
    }

    private static List<Value> quotaDonate(Call.QuotaDonate q) {
        return List.of(Value.Int.of(q.fd()), resource(q.resource()), Value.Int.of(q.amount()));
    }

    private static List<Value> mount(Call.Mount m) {
        return List.of(string(m.source()), string(m.target()), string(m.type()));
    }

    private static List<Value> umount(Call.Umount u) {
        return u.lazy() ? List.of(string(u.target()), new Value.Word("lazy", Pos.NONE)) : List.of(string(u.target()));
    }

    private static List<Value> waitArgs(Call.Wait w) {
        if (w.any() && w.pid() != 0) {
            throw new IllegalArgumentException("no script writes " + w + ": wait without PID has pid 0");
        }
        return w.any() ? List.of() : List.of(Value.Int.of(w.pid()));
    }

    private static List<Value> capDerive(Call.CapDerive d) {
        if (!d.hasBadge() && d.badge() != 0) {
            throw new IllegalArgumentException("no script writes " + d + ": a badge without hasBadge");
        }
        Value fd = Value.Int.of(d.fd());
        Value rights = ofParts(bitParts(d.rights(), Rights::render, Rights::bit));
        return d.hasBadge() ? List.of(fd, rights, Value.Int.of(d.badge())) : List.of(fd, rights);
    }

    private static List<Value> exec(Call.Exec e) {
        if (e.args() == null) {
            throw new IllegalArgumentException("no script writes " + e + ": null args");
        }
        List<Value> out = new ArrayList<>();
        out.add(string(e.program()));
        for (String arg : e.args()) {
            out.add(string(arg));
        }
        return out;
    }

    /** A string as a value: an integer's text as an integer, a word bare, anything else quoted. */
    static Value string(String s) {
        if (s == null) {
            throw new IllegalArgumentException("no script writes a null string");
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) > 0xff) {
                throw new IllegalArgumentException("no script writes a string with char U+"
                        + Integer.toHexString(s.charAt(k)) + ": script strings are bytes");
            }
        }
        if (Lexer.integer(s)) {
            return new Value.Int(s, Pos.NONE);
        }
        return Printer.bare(s) ? new Value.Word(s, Pos.NONE) : new Value.Str(s, Pos.NONE);
    }

    private static Value flags(int flags) {
        return ofParts(bitParts(flags, b -> b == (1 << 31) ? "" : Flags.words(b).get(0), Flags::bit));
    }

    /** An open mode: {@code rw} for read and write together, then the other bits. */
    private static Value mode(int mode) {
        int rw = OpenMode.R | OpenMode.W;
        if ((mode & rw) != rw) {
            return ofParts(bitParts(mode, CallSyntax::modeWord, OpenMode::bits));
        }
        List<String> parts = new ArrayList<>(List.of("rw"));
        parts.addAll(bitParts(mode & ~rw, CallSyntax::modeWord, OpenMode::bits));
        return ofParts(parts);
    }

    private static String modeWord(int bit) {
        for (String w : MODE_WORDS) {
            if (OpenMode.bits(w) == bit) {
                return w;
            }
        }
        return "";
    }

    /**
     * The parts of a flag set for {@code bits}, lowest bit first: the word {@code
     * name} gives a bit when {@code bit} maps that word back to it and is no bit
     * that every unknown word maps to; any other bit is written as an integer.
     */
    private static List<String> bitParts(int bits, IntFunction<String> name, ToIntFunction<String> bit) {
        int unknown = bit.applyAsInt("");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int b = 1 << i;
            if ((bits & b) != 0) {
                String w = name.apply(b);
                parts.add(b != unknown && bit.applyAsInt(w) == b ? w : Integer.toString(b));
            }
        }
        return parts;
    }

    /** A flag set of {@code parts}: {@code 0} when empty, a single word or integer alone. */
    private static Value ofParts(List<String> parts) {
        if (parts.isEmpty()) {
            return Value.Int.of(0);
        }
        if (parts.size() > 1) {
            return new Value.FlagSet(parts, Pos.NONE);
        }
        String only = parts.get(0);
        return Lexer.integer(only) ? new Value.Int(only, Pos.NONE) : new Value.Word(only, Pos.NONE);
    }

    private static Value resource(int code) {
        Resource[] all = Resource.values();
        return code >= 0 && code < all.length ? new Value.Word(all[code].word(), Pos.NONE) : Value.Int.of(code);
    }

    private static Value limit(long limit) {
        return limit == Resource.MAX ? new Value.Word("max", Pos.NONE) : Value.Int.of(limit);
    }
}
