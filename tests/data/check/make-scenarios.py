#!/usr/bin/env python3
# make-scenarios.py [NAME...]: (re)write the inputs of the check scenarios
#
# Writes host-ref or host.txt, networks/, state/, domain.xml and dest/ of
# every scenario (or of the NAMEs given) in this folder.  A scenario's
# folder is emptied first, so its expected files (validate.out, plan.out,
# args.out, migrate.out) must then be written again and reviewed:
#   VIR_TEST_REGENERATE_OUTPUT=1 meson test -C BUILDDIR checktest
# validate.json is written empty for the scenarios that have one, and
# filled by the same regeneration.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil

base = os.path.dirname(os.path.abspath(__file__))
MAC='52:54:00:6d:90:02'
MAC2='52:54:00:6d:90:03'
MAC3='52:54:00:6d:90:04'

def net(name, body):
    return "<network>\n  <name>%s</name>\n%s</network>\n" % (name, body)

N = {
 'macvtap-ens1f0': net('failover-standby', "  <forward mode='bridge'>\n    <interface dev='ens1f0'/>\n  </forward>\n"),
 'macvtap-ens1f1': net('failover-standby', "  <forward mode='bridge'>\n    <interface dev='ens1f1'/>\n  </forward>\n"),
 'macvtap-ens3f0-mtu1500': net('failover-standby', "  <forward mode='bridge'>\n    <interface dev='ens3f0'/>\n  </forward>\n  <mtu size='1500'/>\n"),
 'macvtap-ens5f0': net('failover-standby', "  <forward mode='bridge'>\n    <interface dev='ens5f0'/>\n  </forward>\n"),
 'vfs-ens5f0': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens5f0'/>\n  </forward>\n"),
 'bridge-br5': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br5'/>\n"),
 'macvtap-ens4f0': net('failover-standby', "  <forward mode='bridge'>\n    <interface dev='ens4f0'/>\n  </forward>\n"),
 'macvtap-pf-pool-ens1f0': net('failover-standby', "  <forward mode='bridge'>\n    <pf dev='ens1f0'/>\n  </forward>\n"),
 'bridge-br0': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br0'/>\n"),
 'bridge-br-bond': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br-bond'/>\n"),
 'bridge-br200': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br200'/>\n"),
 'bridge-br100': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br100'/>\n"),
 'bridge-br-eno': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br-eno'/>\n"),
 'bridge-br-empty': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br-empty'/>\n"),
 'bridge-br-virt': net('failover-standby', "  <forward mode='bridge'/>\n  <bridge name='br-virt'/>\n"),
 'nat': net('default', "  <forward mode='nat'/>\n  <bridge name='virbr0' stp='on' delay='0'/>\n  <ip address='192.168.122.1' netmask='255.255.255.0'>\n    <dhcp>\n      <range start='192.168.122.2' end='192.168.122.254'/>\n    </dhcp>\n  </ip>\n"),
 'route': net('routed', "  <forward mode='route'/>\n  <bridge name='virbr1'/>\n  <ip address='192.168.150.1' netmask='255.255.255.0'/>\n"),
 'open': net('open', "  <forward mode='open'/>\n  <bridge name='virbr2'/>\n  <ip address='192.168.160.1' prefix='24'/>\n"),
 'isolated': net('isolated', "  <bridge name='virbr3'/>\n  <ip address='10.10.0.1' prefix='24'/>\n"),
 'vfs-ens1f0-uuid': net('failover-vfs', "  <uuid>5b0e5a1e-53b8-4c43-9d8f-2f64b4ba7d01</uuid>\n  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f0'/>\n  </forward>\n"),
 'vfs-ens1f0': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f0'/>\n  </forward>\n"),
 'vfs-ens1f1': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f1'/>\n  </forward>\n"),
 'vfs-ens2f0': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens2f0'/>\n  </forward>\n"),
 'vfs-ens2f0-vlan200': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens2f0'/>\n  </forward>\n  <vlan>\n    <tag id='200'/>\n  </vlan>\n"),
 'vfs-ens1f0-vlan100': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f0'/>\n  </forward>\n  <vlan>\n    <tag id='100'/>\n  </vlan>\n"),
 'vfs-ens1f0-vlan200': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f0'/>\n  </forward>\n  <vlan>\n    <tag id='200'/>\n  </vlan>\n"),
 'vfs-ens1f0-vlan42': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f0'/>\n  </forward>\n  <vlan>\n    <tag id='42'/>\n  </vlan>\n"),
 'vfs-ens3f0': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens3f0'/>\n  </forward>\n"),
 'vfs-ens4f0': net('failover-vfs', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens4f0'/>\n  </forward>\n"),
 'vfs-as-standby': net('failover-standby', "  <forward mode='hostdev' managed='yes'>\n    <pf dev='ens1f1'/>\n  </forward>\n"),
 'macvtap-as-vfs': net('failover-vfs', "  <forward mode='bridge'>\n    <interface dev='ens1f0'/>\n  </forward>\n"),
}

def standby(source, mac=MAC, alias='ua-backup0', model='virtio', extra=''):
    a = "      <alias name='%s'/>\n" % alias if alias else ''
    m = "      <model type='%s'/>\n" % model if model else ''
    return ("    <interface type='%s'>\n      <mac address='%s'/>\n%s%s%s      <teaming type='persistent'/>\n%s    </interface>\n"
            % (source[0], mac, source[1], m, extra, a))

def primary_net(netname, mac=MAC, persistent='ua-backup0', extra='', alias=None):
    a = "      <alias name='%s'/>\n" % alias if alias else ''
    return ("    <interface type='network'>\n      <mac address='%s'/>\n      <source network='%s'/>\n%s      <teaming type='transient' persistent='%s'/>\n%s    </interface>\n"
            % (mac, netname, extra, persistent, a))

def pci(addr):
    d,b,sf = addr.split(':'); s,f = sf.split('.')
    return "<address type='pci' domain='0x%s' bus='0x%s' slot='0x%s' function='0x%s'/>" % (d,b,s,f)

def primary_iface_hostdev(addr, mac=MAC, persistent='ua-backup0'):
    return ("    <interface type='hostdev' managed='yes'>\n      <mac address='%s'/>\n      <source>\n        %s\n      </source>\n      <teaming type='transient' persistent='%s'/>\n    </interface>\n"
            % (mac, pci(addr), persistent))

def primary_plain_hostdev(addr, persistent='ua-backup0', mode="mode='subsystem' type='pci'"):
    return ("    <hostdev %s managed='yes'>\n      <source>\n        %s\n      </source>\n      <teaming type='transient' persistent='%s'/>\n    </hostdev>\n"
            % (mode, pci(addr), persistent))

def snet(name): return ('network', "      <source network='%s'/>\n" % name)
def sdirect(dev, mode='bridge'): return ('direct', "      <source dev='%s' mode='%s'/>\n" % (dev, mode))
def sbridge(br): return ('bridge', "      <source bridge='%s'/>\n" % br)
def suser(): return ('user', '')

def domain(devs, name='guest1'):
    return ("<domain type='kvm'>\n  <name>%s</name>\n  <uuid>8f4b2c8e-0b7a-4f0e-a2a4-2f1c9e3b6d10</uuid>\n  <memory unit='KiB'>1048576</memory>\n  <vcpu>1</vcpu>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n%s  </devices>\n</domain>\n" % (name, ''.join(devs)))

S = {}
def sc(name, nets, devs, host='lab', json=False, dest=None, raw=None, hosttxt=None, state=None):
    S[name] = dict(nets=nets, devs=devs, host=host, json=json, dest=dest, raw=raw, hosttxt=hosttxt, state=state)

# ---- verdict: same
sc('ok-macvtap-pf', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')], json=True)
sc('ok-bridge-pf', ['bridge-br0','vfs-ens1f1'], [standby(snet('failover-standby')), primary_net('failover-vfs')], json=True)
sc('ok-direct-iface-hostdev', [], [standby(sdirect('ens1f0')), primary_iface_hostdev('0000:03:10.1')])
sc('ok-bridge-iface', ['vfs-ens1f1'], [standby(sbridge('br0')), primary_net('failover-vfs')])
sc('ok-macvtap-vf-pool', ['macvtap-pf-pool-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('ok-direct-on-vf', [], [standby(sdirect('ens1f0v2')), primary_iface_hostdev('0000:03:10.1')])
sc('nested-bond-bridge', ['bridge-br-bond','vfs-ens2f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('nested-vlan-bond-bridge', ['bridge-br200','vfs-ens2f0-vlan200'], [standby(snet('failover-standby')), primary_net('failover-vfs')], json=True)
sc('nested-bridge-on-vf', [], [standby(sbridge('brvf')), primary_iface_hostdev('0000:03:10.2')], host=None,
   hosttxt="# a bridge whose port is a bond of two VFs of the PF\npf ens1f0 pci=0000:03:00.0 totalvfs=4 numvfs=4 driver=ixgbe vfdriver=ixgbevf mac=a0:36:9f:10:00:00 mtu=1500 operstate=up\nbond bondvf ports=ens1f0v0,ens1f0v1 mode=active-backup mac=a0:36:9f:10:00:10 mtu=1500 operstate=up\nbridge brvf ports=bondvf mac=a0:36:9f:10:00:10 mtu=1500 operstate=up\n")
sc('vlan-match-xml-path', ['bridge-br100','vfs-ens1f0-vlan100'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
# ---- VLANs
sc('vlan-one-side-path', ['bridge-br200','vfs-ens2f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('vlan-mismatch', ['bridge-br100','vfs-ens1f0-vlan200'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('vlan-one-side-xml', ['macvtap-ens1f0','vfs-ens1f0-vlan42'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
# ---- verdict: different
sc('nat', ['nat','vfs-ens1f0'], [standby(snet('default')), primary_net('failover-vfs')], json=True)
sc('routed', ['route','vfs-ens1f0'], [standby(snet('routed')), primary_net('failover-vfs')])
sc('open', ['open','vfs-ens1f0'], [standby(snet('open')), primary_net('failover-vfs')])
sc('isolated', ['isolated','vfs-ens1f0'], [standby(snet('isolated')), primary_net('failover-vfs')])
sc('user', ['vfs-ens1f0'], [standby(suser()), primary_net('failover-vfs')])
sc('bridge-no-uplink', ['bridge-br-empty','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('bridge-tap-only', ['vfs-ens1f0'], [standby(sbridge('br-virt')), primary_net('failover-vfs')])
# ---- verdict: unproven
sc('unproven-other-uplink', ['bridge-br-eno','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')], json=True)
sc('unproven-direct-other-nic', ['vfs-ens1f0'], [standby(sdirect('eno1')), primary_net('failover-vfs')])
sc('unproven-other-pf', ['macvtap-ens5f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('macvtap-on-bridge-port', ['vfs-ens1f1'], [standby(sdirect('ens1f1')), primary_net('failover-vfs')])
sc('device-missing', ['vfs-ens1f0'], [standby(sdirect('nosuchdev')), primary_net('failover-vfs')])
sc('vf-missing', [], [standby(sdirect('ens1f0')), primary_iface_hostdev('0000:99:10.0')])
# ---- MTU, link
sc('mtu-mismatch', ['bridge-br-bond','vfs-ens2f0'], [standby(snet('failover-standby'), extra="      <mtu size='9000'/>\n"), primary_net('failover-vfs')])
sc('mtu-mismatch-host', [], [standby(sbridge('br0')), primary_iface_hostdev('0000:05:10.0')], host=None, hosttxt="# a PF with MTU 9000 whose bridge kept MTU 1500\npf ens3f0 pci=0000:05:00.0 totalvfs=2 numvfs=2 driver=mlx5_core vfdriver=mlx5_core mac=b8:59:9f:30:00:00 mtu=9000 operstate=up\nvf ens3f0 0 mtu=9000\nbridge br0 ports=ens3f0 mac=b8:59:9f:30:00:00 mtu=1500 operstate=up\n")
sc('link-down', ['macvtap-ens4f0','vfs-ens4f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
# ---- pair rules
sc('mac-mismatch', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs', mac=MAC2)], json=True)
sc('alias-missing', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs', persistent='ua-nothere')])
sc('alias-auto-net0', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby'), alias=None), primary_net('failover-vfs', persistent='net0')])
sc('alias-not-standby', ['macvtap-ens1f0','vfs-ens1f0'],
   ["    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-standby'/>\n      <model type='virtio'/>\n      <alias name='ua-backup0'/>\n    </interface>\n" % MAC, primary_net('failover-vfs')])
sc('alias-dropped', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby'), alias='backup0'), primary_net('failover-vfs', persistent='backup0')], json=True)
sc('standby-not-virtio', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby'), model='e1000e'), primary_net('failover-vfs')])
sc('standby-no-model', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby'), model=None), primary_net('failover-vfs')])
sc('standby-shared', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs', alias='ua-vf0'), primary_net('failover-vfs', alias='ua-vf1')])
sc('vf-shared', [], [standby(sdirect('ens1f0')), standby(sdirect('ens1f0'), mac=MAC2, alias='ua-backup1'),
                     primary_iface_hostdev('0000:03:10.1'), primary_iface_hostdev('0000:03:10.1', mac=MAC2, persistent='ua-backup1')])
sc('alias-duplicate', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), standby(snet('failover-standby'), mac=MAC2), primary_net('failover-vfs')])
sc('standby-unpaired', ['macvtap-ens1f0'], [standby(snet('failover-standby'))])
sc('transient-no-persistent', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')),
   "    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-vfs'/>\n      <teaming type='transient'/>\n    </interface>\n" % MAC])
sc('persistent-not-allowed', ['macvtap-ens1f0','vfs-ens1f0'],
   ["    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-standby'/>\n      <model type='virtio'/>\n      <teaming type='persistent' persistent='ua-backup0'/>\n      <alias name='ua-backup0'/>\n    </interface>\n" % MAC, primary_net('failover-vfs')])
sc('hostdev-not-transient', [], [standby(sdirect('ens1f0')),
   "    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <source>\n        %s\n      </source>\n      <teaming type='persistent'/>\n    </hostdev>\n" % pci('0000:03:10.1')])
sc('hostdev-no-persistent', [], [standby(sdirect('ens1f0')),
   "    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <source>\n        %s\n      </source>\n      <teaming type='transient'/>\n    </hostdev>\n" % pci('0000:03:10.1')])
sc('hostdev-not-pci', [], [standby(sdirect('ens1f0')),
   "    <hostdev mode='subsystem' type='usb' managed='yes'>\n      <source>\n        <vendor id='0x1234'/>\n        <product id='0xbeef'/>\n      </source>\n      <teaming type='transient' persistent='ua-backup0'/>\n    </hostdev>\n"])
sc('transient-bad-type', [], [standby(sdirect('ens1f0')),
   "    <interface type='bridge'>\n      <mac address='%s'/>\n      <source bridge='br0'/>\n      <teaming type='transient' persistent='ua-backup0'/>\n    </interface>\n" % MAC])
sc('primary-not-hostdev-pool', ['macvtap-ens1f0','macvtap-as-vfs'], [standby(sdirect('ens1f0')), primary_net('failover-vfs')])
sc('standby-on-hostdev-pool', ['vfs-as-standby','vfs-ens1f1'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('network-missing', ['vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')])
sc('primary-not-vf', [], [standby(sdirect('ens1f0')), primary_iface_hostdev('0000:03:00.0')])
# ---- plain hostdev and the VF's MAC
HOSTMAC = ("# a PF whose VF 1 carries the standby's MAC, VF 2 another one and VF 3 is bound to vfio-pci\n"
           "pf ens1f0 pci=0000:03:00.0 totalvfs=4 numvfs=4 driver=ixgbe vfdriver=ixgbevf mac=a0:36:9f:10:00:00 mtu=1500 operstate=up\n"
           "vf ens1f0 1 mac=%s\nvf ens1f0 2 mac=%s\nvf ens1f0 3 netdev=none driver=vfio-pci\n" % (MAC, MAC3))
sc('hostdev-mac-ok', [], [standby(sdirect('ens1f0')), primary_plain_hostdev('0000:03:10.1')], host=None, hosttxt=HOSTMAC)
sc('hostdev-mac-mismatch', [], [standby(sdirect('ens1f0')), primary_plain_hostdev('0000:03:10.2')], host=None, hosttxt=HOSTMAC, json=True)
sc('hostdev-mac-unknown', [], [standby(sdirect('ens1f0')), primary_plain_hostdev('0000:03:10.3')], host=None, hosttxt=HOSTMAC)
# ---- several pairs, exhaustion
sc('several-pairs', ['macvtap-ens1f0','vfs-ens1f0','nat'],
   [standby(snet('failover-standby')), primary_net('failover-vfs'),
    standby(snet('default'), mac=MAC2, alias='ua-backup1'), primary_net('failover-vfs', mac=MAC2, persistent='ua-backup1')], json=True)
sc('pool-exhausted', ['bridge-br-bond','vfs-ens2f0'],
   [standby(snet('failover-standby'), mac=m, alias='ua-backup%d' % i) + primary_net('failover-vfs', mac=m, persistent='ua-backup%d' % i)
    for i, m in enumerate([MAC, MAC2, MAC3])])
sc('no-teaming', ['macvtap-ens1f0'], ["    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-standby'/>\n      <model type='virtio'/>\n    </interface>\n" % MAC])
sc('single-interface', ['macvtap-ens1f0'], None, raw=standby(snet('failover-standby')).replace('\n    ', '\n').lstrip())
sc('status-actual', ['macvtap-ens1f0','vfs-ens1f0'], None, raw=domain([
    "    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-standby'/>\n      <actual type='direct'>\n        <source dev='ens1f0' mode='bridge'/>\n      </actual>\n      <model type='virtio'/>\n      <teaming type='persistent'/>\n      <alias name='ua-backup0'/>\n    </interface>\n" % MAC,
    "    <interface type='network'>\n      <mac address='%s'/>\n      <source network='failover-vfs'/>\n      <actual type='hostdev' managed='yes'>\n        <source>\n          %s\n        </source>\n      </actual>\n      <teaming type='transient' persistent='ua-backup0'/>\n      <alias name='hostdev0'/>\n    </interface>\n" % (MAC, pci('0000:03:10.2'))]).replace("<domain type='kvm'>", "<domain type='kvm' id='3'>"))
# ---- migration
DEST_SAME = dict(host='lab', nets=['macvtap-ens1f0','vfs-ens1f0'])
sc('migrate-ready', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')], dest=DEST_SAME)
sc('migrate-network-missing', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')], dest=dict(host='lab', nets=['vfs-ens1f0']))
sc('migrate-vlan-differs', ['bridge-br100','vfs-ens1f0-vlan100'], [standby(snet('failover-standby')), primary_net('failover-vfs')], dest=dict(host='lab', nets=['bridge-br100','vfs-ens1f0-vlan200']))
sc('migrate-type-differs', ['macvtap-ens5f0','vfs-ens5f0'], [standby(snet('failover-standby')), primary_net('failover-vfs')],
   dest=dict(host=None, hosttxt="# the destination: the PF ens5f0 is a port of the bridge br5\npf ens5f0 pci=0000:07:00.0 totalvfs=2 numvfs=2 driver=ixgbe vfdriver=ixgbevf mac=a0:36:9f:60:00:00 mtu=1500 operstate=up\nbridge br5 ports=ens5f0 mac=a0:36:9f:60:00:00 mtu=1500 operstate=up\n", nets=['bridge-br5','vfs-ens5f0']))
sc('migrate-incompatible', ['macvtap-ens1f0','vfs-ens1f0'], [standby(snet('failover-standby'))+'', primary_net('failover-vfs')],
   dest=dict(host='lab', nets=['vfs-ens1f0'], extra={'failover-standby.xml': N['nat'].replace('<name>default</name>', '<name>failover-standby</name>')}))
sc('migrate-no-free-vf', ['macvtap-ens1f0','vfs-ens1f0'],
   [standby(snet('failover-standby')), primary_net('failover-vfs'),
    standby(snet('failover-standby'), mac=MAC2, alias='ua-backup1'), primary_net('failover-vfs', mac=MAC2, persistent='ua-backup1')],
   dest=dict(host=None, hosttxt="# the destination: ens1f0 has one VF only\npf ens1f0 pci=0000:03:00.0 totalvfs=1 numvfs=1 driver=ixgbe vfdriver=ixgbevf mac=a0:36:9f:10:00:00 mtu=1500 operstate=up\n",
             nets=['macvtap-ens1f0','vfs-ens1f0']))
sc('migrate-fixed-vf-missing', [], [standby(sdirect('ens1f0')), primary_iface_hostdev('0000:03:10.1')],
   dest=dict(host=None, hosttxt="# the destination: the VFs sit at other PCI addresses\npf ens1f0 pci=0000:81:00.0 totalvfs=2 numvfs=2 driver=ixgbe vfdriver=ixgbevf mac=a0:36:9f:50:00:00 mtu=1500 operstate=up\n", nets=[]))

def state(d, vfs):
    addrs = ''.join("      <address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x%d'/>\n" % f for f in range(4))
    write(os.path.join(d, 'state', 'failover-vfs.xml'),
          "<networkstatus>\n  <class_id bitmap='0-2'/>\n  <floor sum='0'/>\n  <network connections='%d'>\n    <name>failover-vfs</name>\n    <uuid>5b0e5a1e-53b8-4c43-9d8f-2f64b4ba7d01</uuid>\n    <forward mode='hostdev' managed='yes'>\n      <pf dev='ens1f0'/>\n%s    </forward>\n  </network>\n</networkstatus>\n" % (len(vfs), addrs))
    for i, f in enumerate(vfs):
        u = '6c0e5a1e-53b8-4c43-9d8f-2f64b4ba7d%02d' % i
        write(os.path.join(d, 'state', 'failover-vfs', 'ports', u + '.xml'),
              "<networkport>\n  <uuid>%s</uuid>\n  <owner>\n    <name>other%d</name>\n    <uuid>7d0e5a1e-53b8-4c43-9d8f-2f64b4ba7d%02d</uuid>\n  </owner>\n  <mac address='52:54:00:aa:00:%02x'/>\n  <plug type='hostdev-pci' managed='yes'>\n    <address domain='0x0000' bus='0x03' slot='0x10' function='0x%d'/>\n  </plug>\n</networkport>\n" % (u, i, i, i, f))

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)

sc('plan-with-state', ['macvtap-ens1f0','vfs-ens1f0-uuid'], [standby(snet('failover-standby')), primary_net('failover-vfs')], state=[0, 1])
sc('migrate-dest-pool-full', ['macvtap-ens1f0','vfs-ens1f0-uuid'], [standby(snet('failover-standby')), primary_net('failover-vfs')],
   dest=dict(host='lab', nets=['macvtap-ens1f0','vfs-ens1f0-uuid'], state=[0, 1, 2, 3]))

def writehost(d, host, hosttxt):
    if host:
        write(os.path.join(d, 'host-ref'), host + '\n')
    else:
        write(os.path.join(d, 'host.txt'), hosttxt)

import sys
only = sys.argv[1:]
for name, s in S.items():
    if only and name not in only:
        continue
    d = os.path.join(base, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    writehost(d, s['host'], s['hosttxt'])
    for n in s['nets']:
        write(os.path.join(d, 'networks', N[n].split('<name>')[1].split('<')[0] + '.xml'), N[n])
    if not s['nets']:
        os.makedirs(os.path.join(d, 'networks'))
    write(os.path.join(d, 'domain.xml'), s['raw'] if s['raw'] else domain(s['devs']))
    if s['json']:
        write(os.path.join(d, 'validate.json'), '')
    if s.get('state') is not None:
        state(d, s['state'])
    if s['dest']:
        dd = os.path.join(d, 'dest')
        writehost(dd, s['dest'].get('host'), s['dest'].get('hosttxt'))
        os.makedirs(os.path.join(dd, 'networks'), exist_ok=True)
        for n in s['dest']['nets']:
            write(os.path.join(dd, 'networks', N[n].split('<name>')[1].split('<')[0] + '.xml'), N[n])
        if s['dest'].get('state') is not None:
            state(dd, s['dest']['state'])
        for fn, txt in s['dest'].get('extra', {}).items():
            write(os.path.join(dd, 'networks', fn), txt)
print(len(S), 'scenarios')
