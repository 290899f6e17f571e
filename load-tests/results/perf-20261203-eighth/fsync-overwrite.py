# fdatasync after an append vs after overwriting a pre-zeroed file, with a snapshot-like writer alongside (write a
# 20 KB file, fsync, rename, fsync the directory, every 20 ms), 12 s each, twice. Run from the repository root:
#   python3 load-tests/results/perf-20261203-eighth/fsync-overwrite.py [dir on the disk to test, default /tmp/fsb]
# Why the embedded store's log segments are filled with zeros ahead of their rounds (server/.../store/Wal.java).
import os,time,threading,sys
stop=False
def snaps(d):
    i=0
    while not stop:
        p=os.path.join(d,'s%d.json'%(i%50)); t=p+'.tmp'
        fd=os.open(t,os.O_CREAT|os.O_WRONLY|os.O_TRUNC); os.write(fd,b'y'*20000); os.fsync(fd); os.close(fd)
        os.rename(t,p); dfd=os.open(d,os.O_RDONLY); os.fsync(dfd); os.close(dfd)
        i+=1; time.sleep(0.02)
def bench(d, mode, secs=12, size=3000):
    global stop
    path=os.path.join(d,'wal.log')
    fd=os.open(path, os.O_CREAT|os.O_RDWR|os.O_TRUNC)
    if mode=='prezero':
        os.write(fd, b'\0'*(64<<20)); os.fsync(fd)
    stop=False; th=threading.Thread(target=snaps,args=(d,)); th.start()
    off=0; lat=[]; buf=b'x'*size; end=time.time()+secs
    while time.time()<end:
        t=time.perf_counter()
        os.pwrite(fd,buf,off); off+=size
        os.fdatasync(fd)
        lat.append((time.perf_counter()-t)*1000)
        time.sleep(0.002)
    stop=True; th.join(); os.close(fd); os.unlink(path)
    lat.sort(); n=len(lat)
    print(mode, n, 'p50 %.3f p90 %.3f p99 %.3f p999 %.3f max %.3f'%(lat[n//2],lat[int(n*.9)],lat[int(n*.99)],lat[int(n*.999)],lat[-1]), flush=True)
d=sys.argv[1] if len(sys.argv)>1 else '/tmp/fsb'; os.makedirs(d,exist_ok=True)
for m in ['append','prezero','append','prezero']:
    bench(d, m)
