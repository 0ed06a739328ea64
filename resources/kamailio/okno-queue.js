// Loaded by okno.cfg (app_jsdt) when the queue is on. The cfg function rtpengine_answer() refuses to
// run on an INVITE; its KEMI export does not check the method. okno.cfg uses this to answer the
// waiting caller's offer on behalf of the queue leg: flags in $var(aflags), result in $var(arc).
/* global KSR -- the Kamailio object app_jsdt provides */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by name from okno.cfg (jsdt_run)
function oknoRtpengineAnswer() {
  KSR.pv.seti('$var(arc)', KSR.rtpengine.rtpengine_answer(KSR.pv.get('$var(aflags)')));
}
