import ts from 'typescript';
for (const f of process.argv.slice(2)) {
const program = ts.createProgram([f], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
const checker = program.getTypeChecker();
const sf = program.getSourceFile(f)!;
const sym = checker.getSymbolAtLocation(sf);
if (!sym) { console.log(f, 'no exports'); continue; }
console.log(`${f}: ${checker.getExportsOfModule(sym).map((e) => { let t = e; if (t.flags & ts.SymbolFlags.Alias) t = checker.getAliasedSymbol(t); return (!(t.flags & ts.SymbolFlags.Value) ? 'type ' : '') + e.name; }).sort().join(', ')}`);
}
