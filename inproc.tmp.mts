const root = process.argv[2]!, which = process.argv[3]!
const {Sysroot} = await import(`${root}/src/sysroot/sysroot.ts`)
const {buildPod} = await import(`${root}/src/report/pod.ts`)
const {buildOwns} = await import(`${root}/src/report/owns.ts`)
const c0 = process.cpuUsage(); const t0 = performance.now()
if (which === 'pod') buildPod(new Sysroot('/')); else buildOwns(new Sysroot('/'))
const c = process.cpuUsage(c0)
console.log(JSON.stringify({root, which, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000}))
